"""The export dialog counts the rows it writes unchanged, not only the ones marked keep.

Seen in tmux on banking77 test after one relabel: 'Writes 3,080 of 3,080 rows: 1 relabelled,
0 excluded (removed), 0 kept as they are.' -- as if the other 3,079 rows went nowhere.
"""

from __future__ import annotations

from pathlib import Path

from tui.screens.export_dialog import ExportDialog


def test_the_dialog_says_how_many_rows_go_out_unchanged(tmp_path: Path) -> None:
    dialog = ExportDialog("b77.csv", tmp_path / "j.jsonl", {"relabel": 1, "exclude": 2, "keep": 3}, 3080)
    said = dialog.summary(changed_only=False)
    assert "Writes 3,078 of 3,080 rows: 1 relabelled, 2 excluded (removed), 3,077 unchanged (3 of them marked keep)." in said
    assert "kept as they are" not in said


def test_no_keep_no_word_of_it(tmp_path: Path) -> None:
    """'255 unchanged (0 of them marked keep)' (ui30, serve in Chromium, demo): nothing marked keep,
    nothing said of it."""
    dialog = ExportDialog("demo.csv", tmp_path / "j.jsonl", {"relabel": 2, "exclude": 1, "keep": 0}, 258)
    said = dialog.summary(changed_only=False)
    assert "Writes 257 of 258 rows: 2 relabelled, 1 excluded (removed), 255 unchanged." in said, said
    assert "marked keep" not in said
