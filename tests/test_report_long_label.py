"""Datalab's example tables in the text report name the classes; pandas pads every line of a table to
its widest cell, so one label of 100,000 characters (a text that landed in the label column) made a
1.2 MB report of 100,000-character lines (s22 hostile22). A class name there is cut at 80 characters."""

from __future__ import annotations

from tui.cli import main


def test_a_huge_label_does_not_widen_the_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = [f"hello number {i},{('L' * 100_000) if i == 3 else 'ab'[i % 2]}" for i in range(12)]
    (tmp_path / "d.csv").write_text("text,label\n" + "\n".join(rows) + "\n")
    assert main(["audit", "d.csv", "--model", "tfidf", "--no-cache", "--folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "L" * 79 + "\u2026" in out  # the class is still there, cut
    assert "L" * 81 not in out
    assert max(len(line) for line in out.splitlines()) < 2000
