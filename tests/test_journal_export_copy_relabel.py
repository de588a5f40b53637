"""A journal replayed on the file exported with it does not relabel a second copy of a repeated row (review26).
One of two identical rows relabelled, a row above them excluded: in the export the copies moved up one place,
the relabelled copy holding its new label and the other copy now at the relabel's position. Replayed there (the
original's default journal shared by the export, or ``textaudit export out.csv --journal ...``), the relabel
went by position to the other copy: exit 0, '1 relabelled', both copies relabelled where the user relabelled
one. A relabel of one of identical rows, taken by its position in data other than the data it was made on,
where another copy already has its label, is now not applied ('which one was decided is unknown'). On the data
it was made on the position still tells: a copy set to its twin's label (a conflict settled) applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = ["something else,b,s1", "hello there,a,s0", "hello there,a,s0", "more text,b,s1"]


def _data(tmp_path: Path, columns: bool) -> Path:
    data = tmp_path / "d.csv"
    rows = ROWS if columns else [row.rpartition(",")[0] for row in ROWS]
    data.write_text(("text,label,src\n" if columns else "text,label\n") + "".join(f"{row}\n" for row in rows))
    return data


@pytest.mark.parametrize("columns", [False, True], ids=["text-label", "with-other-column"])
def test_the_export_replayed_does_not_relabel_the_other_copy(tmp_path: Path, columns: bool) -> None:
    data, journal, out = _data(tmp_path, columns), tmp_path / "d.corrections.jsonl", tmp_path / "out.csv"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("relabel", 1, label_after="b", issue_type="label")
    export_corrected(load_dataset(data), journal, out)
    exported = out.read_text()
    copies = ["hello there,b,s0", "hello there,a,s0"] if columns else ["hello there,b", "hello there,a"]
    assert exported.splitlines()[1:3] == copies  # the relabelled copy first, the other now at its position
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decision(1) is None
        # the line records which copy it meant (copy_index, session 28): the export's first copy, which has the
        # label already; before, the copy was unknown ('which one was decided is unknown (rows 1)')
        assert any("the row already has the label it sets" in line and "rows 1)" in line
                   for line in replayed.load_report), replayed.load_report
    with pytest.raises(DataError, match="no decision applies"):  # was: exit 0, '1 relabelled', both copies b
        export_corrected(load_dataset(out), journal, tmp_path / "again.csv")


def test_on_the_data_it_was_made_on_a_copy_set_to_its_twin_s_label_applies(tmp_path: Path) -> None:
    data, journal, out = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl", tmp_path / "out.csv"
    data.write_text("text,label\nsomething else,b\nhello there,b\nhello there,a\nmore text,b\n")
    with Journal.open(journal, load_dataset(data)) as writer:  # two copies whose labels conflict: settled
        writer.record("relabel", 2, label_after="b", issue_type="near_duplicate")
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(2).label_after == "b"
        assert replayed.load_report == []
    summary = export_corrected(load_dataset(data), journal, out)
    assert summary.relabelled == 1
    assert out.read_text() == "text,label\nsomething else,b\nhello there,b\nhello there,b\nmore text,b\n"


def test_in_the_data_renamed_a_copy_set_to_its_twin_s_label_applies(tmp_path: Path) -> None:
    """No row excluded above it: the copy at the position is the decided one, also in the data renamed."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    data.write_text("text,label\nsomething else,b\nhello there,b\nhello there,a\nmore text,b\n")
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 2, label_after="b", issue_type="near_duplicate")
        writer.record("exclude", 3, issue_type="label")  # below it: moves no copy
    renamed = tmp_path / "renamed.csv"
    data.rename(renamed)
    with Journal.open(journal, load_dataset(renamed), read_only=True) as replayed:
        assert replayed.decision(2).label_after == "b"
        assert replayed.decision(3).action == "exclude"


def test_only_the_rows_the_journal_leaves_excluded_move_the_copies(tmp_path: Path) -> None:
    """An exclusion replaced by a relabel (its row kept in the export) moves no row: counted, the decided copy
    was looked for one place too high, and the other copy was relabelled again."""
    data, journal, out = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl", tmp_path / "out.csv"
    data.write_text("text,label\nsomething else,b\nanother text,a\nhello there,a\nhello there,a\nmore text,b\n")
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("exclude", 1, issue_type="label")
        writer.record("relabel", 1, label_after="b", issue_type="label")  # replaces the exclusion: row 1 stays
        writer.record("relabel", 2, label_after="b", issue_type="label")
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == "text,label\nanother text,b\nhello there,b\nhello there,a\nmore text,b\n"
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decision(2) is None


def test_an_exclusion_undone_moves_no_copy_in_the_data_renamed(tmp_path: Path) -> None:
    """The twin with the relabel's label two places up, one exclusion left above (the other undone): the copy
    at the position is the decided one, and the relabel applies."""
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    data.write_text("text,label\nsomething else,b\nhello there,b\nanother text,a\nhello there,a\nmore text,b\n")
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("exclude", 2, issue_type="label")
        writer.undo()
        writer.record("relabel", 3, label_after="b", issue_type="near_duplicate")
    renamed = tmp_path / "renamed.csv"
    data.rename(renamed)
    with Journal.open(journal, load_dataset(renamed), read_only=True) as replayed:
        assert replayed.decision(3).label_after == "b"
        assert replayed.decision(2) is None and replayed.decision(0).action == "exclude"
