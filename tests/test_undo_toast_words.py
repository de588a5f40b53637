"""An undo/redo notice says a relabel as one: 'undone: relabel → X on 2 rows (...)'. It said
'undone: 2 → exchange_rate on 2 rows (2,763, 2,761)' (walk36, banking77): the count read as a label."""

from __future__ import annotations

from pathlib import Path

from test_journal_columns import _dataset

from tui.decisions import DecisionBook
from tui.screens.row_decisions import history_message


def test_undo_and_redo_say_the_decision_kind(tmp_path: Path):
    dataset = _dataset(6)
    names = [str(c) for c in dataset.classes]
    book, _ = DecisionBook.open(tmp_path / "j.jsonl", dataset)
    try:
        assert book.record_group(book.prepare([("relabel", 0, 1), ("relabel", 3, 1)]), "label").error is None
        undone = book.undo(names)
        assert history_message(undone.step, "undone") == f"undone: relabel → {names[1]} on 2 rows (0, 3) (Label issues)"
        redone = book.redo(names)
        assert history_message(redone.step, "redone") == f"redone: relabel → {names[1]} on 2 rows (0, 3) (Label issues)"
        assert book.record_group(book.prepare([("exclude", 1, None), ("keep", 2, None), ("relabel", 4, 2)]),
                                 "label").error is None
        assert book.undo_step(names).what == f"1 ✗ excluded, 1 ✓ kept, 1 relabel → {names[2]}"
    finally:
        book.close()
