"""An undo that reaches a decision group replay skipped (it no longer applies in full, so its rows hold no
decision: engine/journal_state.Group.blocking_of) said 'undone: no decision on row 0 (?)', and its redo
'redone: no decision on row 0 (?)' (review25, left). It now says what was taken back: the skipped decision,
the one it replaced holding again; and, redone, that the row holds no decision again."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.decisions import DecisionBook
from tui.screens.row_decisions import history_message

BEFORE = "text,label\nrefund please,a\nmy card is lost,b\nrefund plz,a\nwhere is my card,b\n"
AFTER = BEFORE.replace("refund plz", "refund pls")  # row 2's text edited between sessions: the group is skipped


def test_undo_and_redo_of_a_skipped_group_say_what_they_did(tmp_path: Path) -> None:
    data, journal = tmp_path / "d.csv", tmp_path / "d.corrections.jsonl"
    data.write_text(BEFORE)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 3, issue_type="label")  # a decision that still applies: the journal is writable
        writer.record_group([("relabel", 0, "c"), ("relabel", 2, "c")], issue_type="near_duplicate",
                            allow_new_label=True)
    data.write_text(AFTER)
    book, _ = DecisionBook.open(journal, load_dataset(data))
    try:
        undone = book.undo(["a", "b"])
        assert undone.rows == [0] and book.describe(0, ["a", "b"]) == "→ b"
        said = history_message(undone.step, "undone")
        assert said == ("undone: a decision that did not apply on row 0 (Near-duplicates, an earlier session): "
                        "the decision it replaced holds again"), said
        redone = book.redo(["a", "b"])
        assert redone.rows == [0] and book.describe(0, ["a", "b"]) == ""
        said = history_message(redone.step, "redone")
        assert said == ("redone: a decision that does not apply on row 0 (Near-duplicates, an earlier session): "
                        "the row holds no decision again"), said
    finally:
        book.close()
