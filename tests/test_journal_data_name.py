"""A journal applied to another file than the one it was written for says so when decisions do not
apply: each line records the data's folder and file name ('a/train.csv'), and the report adds "the
journal's decisions were made on a/train.csv (this data: b/train.csv): is it that file's journal?".
Two train.csv in two folders share the default journal of the current folder; before, the other
file's decisions were only 'the row's text changed since' (s15 hostile, left). A file that still
takes every decision (moved, renamed, edited) is told nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = [f"ticket {i} about a card payment" for i in range(12)]


def _write(path: Path, texts: list[str], reverse: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [f"{t},{'ab'[i % 2]}\n" for i, t in enumerate(texts)]
    path.write_text("text,label\n" + "".join(rows[::-1] if reverse else rows))
    return path


def test_another_files_journal_is_named(tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "train.csv", TEXTS)
    journal = tmp_path / "train.corrections.jsonl"
    with Journal.open(journal, load_dataset(first)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 5, issue_type="outlier")
    assert json.loads(journal.read_text().splitlines()[0])["data"] == "a/train.csv"
    other = _write(tmp_path / "b" / "train.csv", ["another text"] + TEXTS[1:])  # shares row 5's text
    summary = export_corrected(load_dataset(other), journal, tmp_path / "out.csv")
    assert summary.excluded == 1 and summary.unapplied
    assert "the journal's decisions were made on a/train.csv (this data: b/train.csv): is it that file's journal?" \
        in summary.warnings
    unrelated = _write(tmp_path / "c" / "test.csv", [f"other {t}" for t in TEXTS])
    with pytest.raises(DataError, match=r"made on a/train\.csv \(this data: c/test\.csv\)"):
        export_corrected(load_dataset(unrelated), journal, tmp_path / "out2.csv")


def test_a_moved_file_that_takes_every_decision_is_told_nothing(tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "train.csv", TEXTS)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(first)) as writer:
        writer.record("exclude", 5, issue_type="outlier")
    moved = _write(tmp_path / "b" / "renamed.csv", TEXTS, reverse=True)
    summary = export_corrected(load_dataset(moved), journal, tmp_path / "out.csv")
    assert summary.excluded == 1 and not summary.unapplied
    assert not any("made on" in w for w in summary.warnings)
