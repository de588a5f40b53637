"""tui/served_driver.py notes the end of stdin through Textual's public surface only.

The end-to-end check (a server killed, its app gone) is tests/test_serve_orphan.py; here the
reader wrapper and the rule that tui/ imports no private Textual module (``textual.x._y``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tui.served_driver import _EndNoting

TUI = Path(__file__).resolve().parents[1] / "tui"


class _Reader:
    """A stdin reader as Textual's: yields chunks until its input ends or it is closed."""

    def __init__(self, chunks: list[bytes], *, close_after: int | None = None) -> None:
        self.chunks, self.close_after, self.closed = chunks, close_after, False
        self.owner: _EndNoting | None = None

    def close(self) -> None:
        self.closed = True

    def __iter__(self):
        for count, chunk in enumerate(self.chunks, 1):
            if self.closed:
                return
            yield chunk
            if count == self.close_after:
                self.owner.close()  # the driver stopping on exit, as stop_application_mode does


def test_the_end_of_stdin_is_noted():
    noting = _EndNoting(_Reader([b"a", b"b"]))
    assert list(noting) == [b"a", b"b"] and noting.ended


def test_a_close_on_exit_is_not_the_end_of_stdin():
    reader = _Reader([b"a", b"b", b"c"], close_after=1)
    reader.owner = noting = _EndNoting(reader)
    assert list(noting) == [b"a"] and reader.closed and not noting.ended


def test_tui_imports_no_private_textual_module():
    """A private module (``textual.drivers._input_reader``) may move in any Textual release; an
    import of it would break every served app at start-up."""
    private = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            private += [f"{path.relative_to(TUI.parent)}: {name}" for name in names
                        if name.split(".")[0] == "textual" and any(part.startswith("_") for part in name.split("."))]
    assert private == []
