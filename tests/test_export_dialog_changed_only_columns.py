"""With 'only the changed rows' ticked, the export dialog says which columns the file holds.

Seen in tmux on banking77 test: ticking the box changed the first line to 'Writes only the 4
changed rows ..., each with its label before and after' while the next still said 'Original
columns and row order are kept', which the corrections table does not do.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import export_dialog_on, export_format_line
from textual.widgets import Checkbox


def said(app) -> str:
    return export_format_line(app.dialog)


async def test_the_format_line_follows_the_checkbox(tmp_path: Path) -> None:
    async with export_dialog_on(tmp_path, "text,label\nx,a\ny,b\n", 2, size=(80, 24)) as (app, pilot, _):
        assert said(app).startswith("Original columns and row order are kept.")
        app.dialog.query_one(Checkbox).value = True
        await pilot.pause()
        assert "Original columns" not in said(app)
        # no --id-column: the table has no id column (it was an empty one, listed here as 'id')
        assert said(app).startswith("Columns: row (from 0), text, label_before, label_after, action")
        app.dialog.query_one(Checkbox).value = False
        await pilot.pause()
        assert said(app).startswith("Original columns and row order are kept.")


async def test_the_format_line_names_the_id_column_when_there_is_one(tmp_path: Path) -> None:
    async with export_dialog_on(tmp_path, "id,text,label\nr1,x,a\nr2,y,b\n", 2, size=(80, 24), with_id=True
                                ) as (app, pilot, _):
        app.dialog.query_one(Checkbox).value = True
        await pilot.pause()
        assert said(app).startswith("Columns: row, id, text, label_before, label_after, action")
