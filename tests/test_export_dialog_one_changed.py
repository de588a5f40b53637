"""The export dialog counts one changed row as one row, not 'the 1 changed rows'.

Seen in tmux on the demo: one row excluded, 'only the changed rows' ticked: 'Writes only the
1 changed rows (0 relabelled, 1 excluded)'.
"""

from __future__ import annotations

from pathlib import Path

from tui.screens.export_dialog import ExportDialog


def _writes(tmp_path: Path, relabel: int, exclude: int) -> str:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\ny,b\nz,a\n")
    dialog = ExportDialog(str(source), tmp_path / "j.jsonl", {"relabel": relabel, "exclude": exclude, "keep": 0}, 3)
    return " ".join(dialog.summary(True).split())


def test_one_changed_row_is_said_in_the_singular(tmp_path: Path) -> None:
    said = _writes(tmp_path, 0, 1)
    assert "Writes only the 1 changed row (0 relabelled, 1 excluded)" in said
    assert "1 changed rows" not in said


def test_two_changed_rows_in_the_plural(tmp_path: Path) -> None:
    assert "Writes only the 2 changed rows (1 relabelled, 1 excluded)" in _writes(tmp_path, 1, 1)


def test_no_changed_row_says_the_file_holds_only_the_column_names(tmp_path: Path) -> None:
    """Seen in Chromium (banking77 train, no decision yet): 'Writes only the 0 changed rows (0
    relabelled, 0 excluded), each with its label before and after.'"""
    said = _writes(tmp_path, 0, 0)
    assert "0 changed rows" not in said
    assert "Writes no rows: none is relabelled or excluded yet (the file holds only the column names)." in said
