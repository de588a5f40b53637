"""``textaudit audit data.csv --label-column intent`` where no such column exists says its one error line.

With stderr a file or a pipe, audit wrote '[   0.0s] load' (its first stage's progress line) and then the
error, since the column is checked after the load started (walk42, README's own example on banking77's test.csv).
The first stage's line is now held until a second report shows the run went on past its start.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.cli_progress import _StderrProgress


def test_a_missing_label_column_gets_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.csv").write_text("text,category\nhello there,a\nbye now,b\n")
    assert main(["audit", "data.csv", "--label-column", "intent", "--model", "tfidf"]) != 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("textaudit: error: ") and "'intent'" in lines[0]
    assert captured.out == ""


def test_the_first_stage_line_is_written_once_the_run_goes_on(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from engine.progress import Progress

    printer = _StderrProgress()
    printer.tty = False
    printer(Progress("load", 0, 1, "reading"))
    assert capsys.readouterr().err == ""
    printer(Progress("load", 1, 1, "done"))
    printer(Progress("embed", 0, 10, ""))
    lines = capsys.readouterr().err.splitlines()
    assert [line.split("] ")[1] for line in lines] == ["load", "embed"], lines


def test_a_notice_comes_after_the_held_stage_line(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.progress import Progress

    printer = _StderrProgress()
    printer.tty = False
    printer(Progress("load", 0, 1, "reading"))
    printer(Progress("load", 0, 1, "", notice="label column: category (guessed)"))
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].endswith("] load") and lines[1].startswith("textaudit: note: label column"), lines
