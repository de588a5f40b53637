"""Small datasets and journals for the journal and export tests: a four-row dataset with a journal
of given decisions, a 'row i says yes/no' CSV, and an export after one exclusion."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from engine.corrections import Journal
from engine.export import ExportSummary, export_corrected
from engine.load import Dataset, load_dataset

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


def says_csv(path: Path, rows: int = 8, label_column: str = "label") -> Path:
    """``path``: a CSV of ``rows`` rows, 'row 0 says no', 'row 1 says yes', ... labelled a, b, a, ..."""
    path.write_text(f"text,{label_column}\n" + "".join(f"row {i} says {'yes' if i % 2 else 'no'},{'ab'[i % 2]}\n"
                                                     for i in range(rows)))
    return path


def export_excluding(dataset: Dataset, row: int, journal: Path, out: Path, **options: Any) -> ExportSummary:
    """``dataset`` exported to ``out`` (``options``: export_corrected's) after one decision, recorded in
    ``journal`` as the label screen records it: ``row`` excluded."""
    with Journal.open(journal, dataset) as writer:
        writer.record("exclude", row, issue_type="label")
    return export_corrected(dataset, journal, out, **options)


def journal_state(journal: Journal) -> dict:
    """Everything a reader of the journal sees, the stacks a later undo or redo line meets and what its next
    writes build on: two opens of one file, however they got there (a tail followed, taken over), compare equal."""
    current = journal.current()
    return {
        "decisions": journal.decisions(), "counts": journal.counts(), "report": journal.load_report,
        "unapplied": journal.unapplied, "summary": journal.unapplied_summary(),
        "current": (current.rows.tolist(), current.action.tolist(),
                    [current.labels[i] if i >= 0 else None for i in current.label], current.group.tolist()),
        "done": [group.id for group in journal._state.done], "undone": [group.id for group in journal._state.undone],
        "stacks": [[group.id for group in stack] for stack in journal._replay.stacks], "next_seq": journal._next_seq,
        "can_undo": journal.can_undo, "can_redo": journal.can_redo,
    }
