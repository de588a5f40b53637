"""A Ctrl+C that lands inside a library's import is one line and exit 130 (hostile42).

In the first second of ``textaudit audit`` or ``export`` the interrupt lands inside numpy's or pandas' import,
leaving the library half made; ``interrupted_line`` then imported engine.pipeline for the stages' names, whose
import of that library raised again ('partially initialized module 'pandas' has no attribute ...'): a
traceback and exit 1 in 6 of 25 early Ctrl+Cs. Here the import of engine.export raises the handler's
KeyboardInterrupt and engine.pipeline cannot be imported, as in those runs."""

from __future__ import annotations

import importlib.abc
import sys

import pytest

from tui import cli
from tui.cli_progress import interrupted_line
from tui.interrupts import INTERRUPTED

HALF_MADE = "partially initialized module 'pandas' has no attribute '_pandas_datetime_CAPI'"


class _Interrupted(importlib.abc.MetaPathFinder):
    """engine.export's import is interrupted (the signal handler's flag and exception); engine.pipeline's then fails."""

    def find_spec(self, name, path=None, target=None):
        if name == "engine.export":
            INTERRUPTED.set()
            raise KeyboardInterrupt
        if name == "engine.pipeline":
            raise AttributeError(HALF_MADE)
        return None


@pytest.fixture
def half_made_imports(monkeypatch):
    for name in ("engine.export", "engine.pipeline"):
        monkeypatch.delitem(sys.modules, name, raising=False)  # given back after the test
    monkeypatch.setattr(sys, "meta_path", [_Interrupted(), *sys.meta_path])
    yield
    INTERRUPTED.clear()


def test_line_without_the_stages_module(half_made_imports):
    assert interrupted_line(KeyboardInterrupt()) == "textaudit: interrupted"
    error = KeyboardInterrupt()
    error.cached_stages = ("embed",)  # the names cannot be read: the plain line, never an exception
    assert interrupted_line(error) == "textaudit: interrupted"


def test_export_interrupted_in_an_import(tmp_path, half_made_imports, capsys):
    data = tmp_path / "d.csv"
    data.write_text("text,label\nlost card,a\nnew pin,b\n", encoding="utf-8")
    (tmp_path / "d.corrections.jsonl").write_text("", encoding="utf-8")
    code = cli.main(["export", str(data), "--journal", str(tmp_path / "d.corrections.jsonl"),
                     "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 130
    assert err.strip().splitlines() == ["textaudit: interrupted"]
    assert not (tmp_path / "out.csv").exists()
