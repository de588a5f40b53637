"""A four-row dataset and a journal of given decisions, for the journal-file tests."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset

#: relabel row 0 to b, exclude row 1, relabel row 2 to b
THREE_DECISIONS = [("relabel", 0, "b"), ("exclude", 1, None), ("relabel", 2, "b")]


def recorded_journal(tmp_path: Path, decisions: list[tuple[str, int, str | None]]) -> tuple[Path, Path]:
    """``d.csv`` (texts a1 b1 a2 b2, labels a b a b) and ``j.jsonl`` holding ``decisions``
    (action, row, label after), each recorded as the app records a label-screen decision."""
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    with data.open("w", newline="") as handle:
        csv.writer(handle).writerows([("text", "label"), ("a1", "a"), ("b1", "b"), ("a2", "a"), ("b2", "b")])
    with Journal.open(journal, load_dataset(data)) as writer:
        for action, row, label in decisions:
            writer.record(action, row, label_after=label, issue_type="label")
    return data, journal
