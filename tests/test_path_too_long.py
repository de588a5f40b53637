"""A path the file system cannot hold (a name over 255 bytes) ended in a Python traceback:
'export d.csv -o <300 a>.csv', 'audit <300 a>.csv', '--issues-out', '--pred-probs', '--cache-dir'.
Each is one line naming the path (cut to 80 characters), exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

LONG = "a" * 300


@pytest.mark.parametrize("args", [
    ["export", "d.csv", "-o", f"{LONG}.csv"],
    ["export", f"{LONG}.csv", "-o", "out.csv"],
    ["audit", f"{LONG}.csv"],
    ["audit", "d.csv", "--model", "tfidf", "--no-cache", "--issues-out", f"{LONG}.csv"],
    ["audit", "d.csv", "--pred-probs", f"{LONG}.npy"],
    ["audit", "d.csv", "--cache-dir", LONG],
])
def test_a_name_too_long_is_one_line(tmp_path: Path, monkeypatch, capsys, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    (tmp_path / "d.corrections.jsonl").write_text("")
    assert main(args) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert lines == [f"textaudit: error: {'a' * 79}…: File name too long"], lines
