"""``engine.result.issue_table(result)`` after ``import engine``, as the README's Python API line writes it:
the package resolves its names on first use (PEP 562), and a submodule named as an attribute raised
AttributeError until something had imported it (review34)."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_a_submodule_is_reachable_as_an_attribute_after_import_engine():
    assert _run("import engine; print(callable(engine.result.issue_table), engine.result.__name__)") == \
        "True engine.result"


def test_an_unknown_name_is_still_an_attribute_error_and_import_engine_stays_light():
    code = ("import sys, engine\n"
            "for name in ('no_such_module', '_private', '__wrapped__'):\n"
            "    try:\n"
            "        getattr(engine, name)\n"
            "    except AttributeError:\n"
            "        print('AttributeError', name)\n"
            "print('pandas' in sys.modules)")
    assert _run(code).splitlines() == ["AttributeError no_such_module", "AttributeError _private",
                                       "AttributeError __wrapped__", "False"]
