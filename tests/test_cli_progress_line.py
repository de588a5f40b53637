"""`textaudit audit` in a terminal rewrites one progress line on stderr; a step without a count
(a stage 'starting') was a cell shorter than one with a percentage, so the previous line's last
character stayed: 'audit            starting                          4.8ss' (ui26, tmux)."""

from __future__ import annotations

import io

from engine.progress import Progress
from tui.cli_progress import _StderrProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _shown(written: str) -> str:
    """The line a terminal shows after ``written``: each carriage return overwrites from column 0."""
    line: list[str] = []
    for part in written.split("\r"):
        line[:len(part)] = list(part)
    return "".join(line)


def test_a_step_without_a_count_overwrites_the_whole_line(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = _StderrProgress()
    progress(Progress("predict", 5, 6, ""))
    progress(Progress("audit", 0, 1, "starting"))
    shown = _shown(terminal.getvalue())
    assert shown.rstrip().endswith("s") and not shown.rstrip().endswith("ss"), repr(shown)
    assert shown.split()[:2] == ["audit", "starting"], repr(shown)
    progress.close()
    assert _shown(terminal.getvalue()).strip() == ""  # nothing left once it ends
