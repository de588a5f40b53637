"""A row's latest decision that no longer applies on replay does not hand the row back to the decision it
replaced. Relabelled to b alone, then to c with its near-duplicate in one group: once the other row's text
was edited, the group (all or nothing) was skipped and the export wrote b, the label the user had replaced,
counted as '1 relabelled', the warning naming only the group (review25). The row now keeps no decision,
said in a line, and an undo of that group (made on the data before the edit) still gives back b."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

BEFORE = "text,label\nrefund please,a\nmy card is lost,b\nrefund plz,a\nwhere is my card,b\n"
AFTER = BEFORE.replace("refund plz", "refund pls")  # row 2's typo fixed between sessions


def _decide(tmp_path: Path) -> tuple[Path, Path]:
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    data.write_text(BEFORE)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 3, issue_type="label")
        writer.record_group([("relabel", 0, "c"), ("relabel", 2, "c")], issue_type="near_duplicate",
                            allow_new_label=True)
    return data, journal


def test_a_skipped_group_does_not_bring_back_the_decision_it_replaced(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    data.write_text(AFTER)
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0) is None
        assert any("replaced" in line and "rows 0" in line for line in replayed.load_report)
    out = tmp_path / "out.csv"
    summary = export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == AFTER.replace("where is my card,b\n", "")
    assert (summary.relabelled, summary.excluded) == (0, 1)


def test_on_the_data_it_was_made_on_the_group_applies(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.undo_rows() == [0, 2]
    out = tmp_path / "out.csv"
    export_corrected(load_dataset(data), journal, out)
    assert out.read_text() == BEFORE.replace(",a\n", ",c\n").replace("where is my card,b\n", "")


def test_undo_of_the_skipped_group_gives_back_the_earlier_decision_on_either_data(tmp_path: Path) -> None:
    data, journal = _decide(tmp_path)
    data.write_text(AFTER)
    with Journal.open(journal, load_dataset(data)) as writer:  # a later session, on the edited data
        assert writer.decision(0) is None and writer.can_undo
        assert writer.undo_rows() == [0]  # what the app names before it undoes (DecisionBook.undo_step)
        assert writer.undo() == [0]
        assert writer.decision(0).label_after == "b"
    for text in (AFTER, BEFORE):  # replayed on the edited data, and on the data the group was made on
        data.write_text(text)
        with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
            assert replayed.decision(0).label_after == "b"
            assert replayed.decision(2) is None


def test_the_journal_replayed_on_its_export_does_not_relabel_a_copy_left(tmp_path: Path) -> None:
    """One of three identical rows relabelled, then excluded instead: the export drops it. Replayed on that
    export, the exclusion is refused (fewer copies left), and the relabel it replaced went to the copy now at
    its position, a row the user never relabelled."""
    data, journal, out = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl", tmp_path / "out.csv"
    data.write_text("text,label\nhello there,a\nsomething else,b\nhello there,a\nhello there,a\nmore text,b\n")
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 2, label_after="b", issue_type="label")
        writer.record("exclude", 2, issue_type="near_duplicate")
        writer.record("relabel", 4, label_after="a", issue_type="label")
        writer.record("keep", 1, issue_type="label")  # still applies to the export: it is exported again
    export_corrected(load_dataset(data), journal, out)
    exported = out.read_text()
    assert exported == "text,label\nhello there,a\nsomething else,b\nhello there,a\nmore text,a\n"
    again = tmp_path / "again.csv"
    summary = export_corrected(load_dataset(out), journal, again)
    assert again.read_text() == exported
    assert (summary.relabelled, summary.excluded, summary.kept) == (0, 0, 1)
    with Journal.open(journal, load_dataset(out), read_only=True) as replayed:
        assert replayed.decision(2) is None
        assert any("rows 2)" in line and "replaced" in line for line in replayed.load_report)
