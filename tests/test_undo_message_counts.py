"""An undo of a big bulk decision counts its rows as every other count does: '6,491', not '6491'.

Seen in tmux on a 220,000-row CSV: `*` then `x` on the 6,491 label issues, then `u` said
'undone: 6491 ✗ excluded on 6,491 rows (104, 257, 265…)': the same number written two ways in
one line. The near-duplicate notice of k / A uses the same words.
"""

from __future__ import annotations

from pathlib import Path

from test_journal_columns import _dataset

from tui.decisions import DecisionBook


def test_a_step_of_thousands_of_rows_is_counted_with_separators(tmp_path: Path):
    dataset = _dataset(1_500)
    book, _ = DecisionBook.open(tmp_path / "j.jsonl", dataset)
    try:
        items = [("exclude", r, None) for r in range(1_200)] + [("relabel", r, 1) for r in range(1_200, 1_500)]
        assert book.record_group(book.prepare(items), "label").error is None
        step = book.undo_step([str(c) for c in dataset.classes])
        assert step.what.startswith("1,200 ✗ excluded, "), step.what
    finally:
        book.close()
