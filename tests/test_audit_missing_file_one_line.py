"""``textaudit audit nope.csv`` says its one error line and nothing before it.

With stderr a file or a pipe, audit wrote '[   0.0s] load' (its first stage's progress line) and then
'textaudit: error: nope.csv: no such file or directory' (walk41): browse, serve and export said the line alone.
The data path now gets the same cheap checks (engine/source_checks.check_source) before any progress starts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("name", ["nope.csv", "folder_without_data"])
def test_a_missing_or_unreadable_source_gets_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str], name: str) -> None:
    monkeypatch.chdir(tmp_path)
    if name == "folder_without_data":
        (tmp_path / name).mkdir()
    assert main(["audit", name, "--model", "tfidf"]) != 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"textaudit: error: {name}: ")
    assert captured.out == ""


def test_apply_journal_with_a_missing_file_gets_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "j.jsonl").write_text("")
    assert main(["audit", "nope.csv", "--model", "tfidf", "--apply-journal", "j.jsonl"]) != 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("textaudit: error: nope.csv: no such file"), lines
