"""A journal replayed on a file exported with it applied (say clean/train.csv, whose default journal
in the same folder is the original's) tells relabels already in the data apart: 'the row already has
the label it sets (is this a file exported with this journal applied? ...)'. Before they read 'the
row's label changed since (label_before differs ...)', as if a decision had been lost. A label
changed to a third one is reported as before; nothing is applied twice."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def test_relabels_already_in_the_data_are_named(tmp_path: Path) -> None:
    data = tmp_path / "train.csv"
    data.write_text("text,label\n" + "".join(f"ticket {i} about a card,{'abc'[i % 3]}\n" for i in range(12)))
    journal = tmp_path / "train.corrections.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("relabel", 3, label_after="c", issue_type="label")
        writer.record("keep", 4, issue_type="label")
    clean = tmp_path / "clean.csv"
    export_corrected(load_dataset(data), journal, clean)
    clean.write_text(clean.read_text().replace("ticket 3 about a card,c", "ticket 3 about a card,b"))  # a third label
    again = export_corrected(load_dataset(clean), journal, tmp_path / "again.csv")
    assert (again.relabelled, again.kept) == (0, 1)
    assert ("1 relabel not applied: the row already has the label it sets (is this a file exported with this "
            "journal applied? rows 0)") in again.warnings
    assert "1 decision not applied: the row's label changed since (label_before differs; rows 3)" in again.warnings
    assert (tmp_path / "again.csv").read_text() == clean.read_text()
