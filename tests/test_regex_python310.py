"""Every regular expression in engine/ and tui/ compiles on Python 3.10 (pyproject's requires-python):
no possessive quantifier (``\\r++``) and no atomic group (``(?>...)``), both new in 3.11. af2fd32 used
``\\r++`` in the blank-line search every CSV/TSV load runs; on 3.10 ``re.compile`` raised 'multiple
repeat' at import, and no CSV could be loaded. The suite runs on 3.11, so the patterns are parsed here
and their opcodes read: the literal strings handed to ``re`` functions, found with ``ast``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "finditer", "findall"}
NEW_IN_311 = {"POSSESSIVE_REPEAT", "ATOMIC_GROUP"}


def _patterns(source: str) -> list[str | bytes]:
    found: list[str | bytes] = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, (str, bytes)):
                found.append(first.value)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):  # _PATTERNS = (r"...", r"...")
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any("PATTERN" in name for name in names):
                found += [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, (str, bytes))]
    return found


def _opcodes(node: object) -> set[str]:
    """Every opcode name in a parsed pattern (a SubPattern of (opcode, argument) pairs, nested)."""
    if isinstance(node, int) and hasattr(node, "name"):  # an opcode (a named int)
        return {node.name}
    if hasattr(node, "data"):  # a SubPattern
        node = node.data
    names: set[str] = set()
    if isinstance(node, (list, tuple)):
        for part in node:
            names |= _opcodes(part)
    return names


def _new_syntax(pattern: str | bytes) -> set[str]:
    parser = getattr(re, "_parser", None)
    if parser is None:  # Python 3.10: the pattern itself is the check
        re.compile(pattern)
        return set()
    return _opcodes(parser.parse(pattern)) & NEW_IN_311


def test_the_checker_sees_possessive_and_atomic_syntax() -> None:
    if not hasattr(re, "_parser"):
        pytest.skip("Python 3.10 compiles the patterns themselves")
    assert _new_syntax(r"(?<!\r)\r(?:[ \t]+[\r\n]|\r++(?![\r\n]))") == {"POSSESSIVE_REPEAT"}
    assert _new_syntax(r"a(?>bc|b)c") == {"ATOMIC_GROUP"}
    assert _new_syntax(r"[*+]+x|a+?") == set()
    assert sorted(_patterns('import re\nX = re.compile(r"a++")\n_PATTERNS = (r"b*+", "c")\n')) == ["a++", "b*+", "c"]


def test_no_pattern_needs_python_311() -> None:
    offending = []
    for path in sorted([*ROOT.glob("engine/**/*.py"), *ROOT.glob("tui/**/*.py")]):
        for pattern in _patterns(path.read_text(encoding="utf-8")):
            if syntax := _new_syntax(pattern):
                offending.append(f"{path.relative_to(ROOT)}: {pattern!r} ({', '.join(sorted(syntax))})")
    assert offending == []
