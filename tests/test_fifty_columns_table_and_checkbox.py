"""At 50 columns the summary's issue table and the export dialog's checkbox are drawn whole.

walk31 (tmux 50x16): the summary's last column header read 'To r' (the four columns need 55 cells
of the 46 there, the rest behind a sideways scroll) and the export dialog's checkbox 'only the
changed rows (before and a'. Now the table leaves out Decided where the four do not fit (Flagged
and To review stay) and the checkbox drops '(before and after)' where the whole label does not fit.
"""

from __future__ import annotations

from pilot_helpers import settle
from rich.cells import cell_len
from textual.widgets import Checkbox, DataTable, Static
from tui_synthetic import fixed_app

from tui.screens.export_dialog import ExportDialog

FOUR = ["Issue type", "Flagged", "Decided", "To review"]


def _columns(app) -> tuple[list[str], DataTable]:
    table = app.screen.query_one("#issue-table", DataTable)
    return [column.label.plain for column in table.ordered_columns], table


async def test_the_issue_table_fits_50_columns_and_comes_back_wider(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(50, 16)) as pilot:
        await settle(pilot)
        labels, table = _columns(app)
        assert labels == ["Issue type", "Flagged", "To review"], labels
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways scroll
        assert [str(cell) for cell in table.get_row("non_iid")] == ["Non-IID", "NOT random", "row order"]
        assert [str(cell) for cell in table.get_row("label")] == ["Label issues", "15", "15"]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        labels, table = _columns(app)
        assert labels == FOUR, labels
        assert [str(cell) for cell in table.get_row("label")] == ["Label issues", "15", "0", "15"]


async def test_the_checkbox_label_fits_50_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(50, 16)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "x", "escape")  # one row excluded: the dialog has a row to write
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-changed-only", Checkbox)
        drawn = str(box.render()).rstrip()
        assert drawn.endswith(str(box.label)) and "changed rows" in str(box.label), drawn
        inside = app.screen.query_one("#export").scrollable_content_region  # within border, padding, gutter
        assert box.content_region.x + cell_len(drawn) <= inside.right, (drawn, box.content_region, inside)
        await pilot.press("tab", "space")  # ticked, the line above says what such a file holds
        await settle(pilot)
        assert box.value
        assert "1 changed row" in str(app.screen.query_one("#export-summary", Static).render())
        assert "before and after" in str(app.screen.query_one("#export-summary", Static).render())


async def test_80_columns_keep_every_column_and_the_whole_label(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _columns(app)[0] == FOUR
        await pilot.press("e")
        await settle(pilot)
        assert str(app.screen.query_one("#export-changed-only", Checkbox).label) == (
            "only the changed rows (before and after)")
