"""browse's whole load in the shell (hf:NAME, a JSON object of column lists) shows a line while it runs, and the
app's progress screen says it ran there.

Since 2d5aa6c/81cb074 browse loads these whole before the app opens, with nothing on the terminal meanwhile (a hub
download of minutes: a blank terminal), and the progress screen then said 'load done in 0.0s' for a load the shell
had run (fix41b's 'noticed'; tmux, hf: folder: 'load       done in 0.0s'). On a terminal the shell now rewrites
'load  reading SOURCE  N.Ns' each second and clears it when the load ends; with stderr a file or a pipe it writes
nothing (a refusal stays its one line). The screen says 'load       done before the app opened'.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from pilot_helpers import wait_until

import engine.load
from engine.errors import DataError
from engine.pipeline import AuditOptions
from tui.cli import main

TEXTS = [f"{word} {i}" for i, word in enumerate(["card lost", "refund please", "balance check"] * 4)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _column_lists(tmp_path: Path) -> Path:
    path = tmp_path / "cols.json"
    path.write_text(json.dumps({"text": TEXTS, "label": ["a", "b", "c"] * 4}))
    return path


def test_a_whole_load_in_the_shell_shows_its_line_on_a_terminal(tmp_path: Path, opened: list[dict],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    data = _column_lists(tmp_path)
    assert main(["browse", str(data)]) == 0
    written = terminal.getvalue()
    assert "reading cols.json" in written and written.startswith("\rload "), repr(written)
    assert written.endswith(" \r") and written.rsplit("\r", 2)[-2].strip() == "", repr(written)  # cleared
    assert opened[0]["dataset"] is not None


def test_a_refusal_clears_the_line_and_a_pipe_gets_none(tmp_path: Path, opened: list[dict],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = _column_lists(tmp_path)
    assert main(["browse", str(data), "--label-column", "topic"]) == 2  # stderr not a terminal: the one line
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "no label column 'topic'" in lines[0], lines
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["browse", str(data), "--label-column", "topic"]) == 2
    shown = terminal.getvalue().rsplit("\r", 1)[-1]  # what is left on the terminal's line
    assert shown.startswith("textaudit: error:") and "reading" not in shown, repr(terminal.getvalue())
    assert opened == []


async def test_the_progress_screen_says_the_load_ran_before_the_app(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Label

    from tui.app import TextauditApp

    data = _column_lists(tmp_path)
    dataset = engine.load.load_dataset(str(data))

    def audit(source, options, **_):
        raise DataError("stop here")

    monkeypatch.setattr("engine.pipeline.run_audit", audit)
    app = TextauditApp(source=str(data), options=AuditOptions(), journal_path=tmp_path / "j.jsonl", dataset=dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.audit_error is not None, "the audit's end")
        line = str(app.progress_screen().query_one("#label-load", Label).render())
        assert "done before the app opened" in line and "0.0s" not in line, line


def test_a_load_the_app_ran_keeps_its_time() -> None:
    from tui.screens.progress import StageClock

    clock = StageClock("load", 10.0, finished=12.5)
    assert clock.line(12.5).startswith("load       done in 2.5")
