"""The bulk decision's preview draws an empty text as the row list does: '∅ (empty text)'.

walk31 (hostile.csv on its description column, Null / empty text: rows marked, ``x``): the
preview's Text column was blank where the list beside it said '∅ (empty text)'.
"""

from __future__ import annotations

import os

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.columns import TEXT
from tui.screens.bulk_dialog import BulkRequest, PreviewRow, preview_table
from tui.widgets.row_list import RowList

EMPTY = "∅ (empty text)"


def plain(renderable) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None, file=open(os.devnull, "w"))
    console.print(renderable)
    return console.export_text()


def test_blank_texts_read_empty_in_the_preview():
    rows = [PreviewRow(3, "", "a", "✗ excluded"), PreviewRow(7, " \n\t ", "a", "✗ excluded"),
            PreviewRow(9, "  some  words\n", "a", "✗ excluded")]
    lines = plain(preview_table(BulkRequest("Exclude 3 rows?", 3, rows))).splitlines()
    assert sum(EMPTY in line for line in lines) == 2, lines
    assert any(line.rstrip().endswith("some words") for line in lines), lines


async def test_the_null_screen_preview_says_what_the_list_says(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_issue("null")
        await settle(pilot)
        rows = app.screen.query_one("#rows", RowList)
        row = rows.current_row
        assert row is not None and EMPTY in app.screen.cell(row, TEXT)  # the list's cell
        await pilot.press("space", "x")
        await settle(pilot)
        assert type(app.screen).__name__ == "BulkDialog", rows
        preview = plain(preview_table(app.screen.request))
        assert EMPTY in preview, preview
