"""The bulk / new-class confirmation's preview fits the dialog's width: row numbers whole, a change
cut in its middle (its after side's end kept), the Text column only where it has room.

walk33 (banking77 test at 50x16, `l`, a new class 'a very long new class name for testing'): the
dialog's preview read 'R…' over '1…' for row 1,752 and 'declined_transfer → a very long ne…', the
'(new)' cut off: rich shrank the row number, the one column it may shrink, and cropped the rest.
"""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from tui.screens.bulk_dialog import BulkDialog, BulkRequest, PreviewRow

NEW = "a very long new class name for testing (new)"
PREVIEW = [PreviewRow(1752, "I can't transfer money from my account.", "declined_transfer", NEW),
           PreviewRow(205, "Please help me wire 500 euros to my brother.", "refund_request", "transfer_money")]


async def preview_lines(size: tuple[int, int]) -> list[str]:
    class DialogApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(BulkDialog(BulkRequest("Relabel 2 rows", 2, PREVIEW)))

    app = DialogApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        static = app.screen.query_one("#bulk-preview", Static)
        return [static.render_line(y).text.rstrip() for y in range(static.size.height)]


async def test_row_numbers_whole_and_the_change_cut_in_its_middle_at_50_columns():
    lines = await preview_lines((50, 16))
    header, first, second = lines[:3]
    assert header.split()[:1] == ["Row"], lines
    assert first.split()[0] == "1,752", lines
    assert first.endswith("(new)") and "declined_transfer → a very" in first, lines  # cut in the middle
    assert second.split()[0] == "205" and second.endswith("refund_request → transfer_money"), lines
    assert "Text" not in header  # under 12 cells for it: left out, not a lone '…'


async def test_the_text_column_keeps_its_cells_at_80_columns():
    lines = await preview_lines((80, 24))
    header, first, second = lines[:3]
    assert "Text" in header and first.split()[0] == "1,752", lines
    assert "(new)" in first and "I can't tra" in first, lines
    assert "Please help" in second, lines
