"""`textaudit audit`'s progress line on a terminal narrower than the line.

The line kept 30 cells for its words whatever the terminal (56 cells in all), so on a 44-column
terminal each report wrapped onto a second row and the carriage return rewrote only that row: tmux
at 44x12 filled with 'embed  2.9% 899 texts (301 reused from' rows and ' cac  3.7s' stubs, one per
report, and close()'s 60 spaces wrapped onto a blank row of their own (review32).
"""

from __future__ import annotations

import io

import pytest

from engine.progress import Progress
from tui import cli_progress
from tui.cli_progress import _StderrProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [20, 44, 56])
def test_each_rewrite_fits_the_terminal(monkeypatch, columns):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(cli_progress, "_stderr_columns", lambda: columns)
    progress = _StderrProgress()
    progress(Progress("embed", 0, 1, "starting"))
    progress(Progress("embed", 0, 899, "loading all-MiniLM-L6-v2", reused=301))
    progress(Progress("embed", 26, 899, reused=301))
    progress(Progress("neighbours", 1, 1, "done"))
    progress.close()
    rows = terminal.getvalue().split("\r")
    assert all(len(row) < columns for row in rows), [row for row in rows if len(row) >= columns]
    assert any(row.startswith("embed") and "%" in row for row in rows)  # the count still said


def test_a_wide_terminal_keeps_forty_cells_for_the_words(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(cli_progress, "_stderr_columns", lambda: 120)
    progress = _StderrProgress()
    progress(Progress("embed", 26, 899, reused=301))
    assert "899 texts (+301 reused from cache)" in terminal.getvalue()
