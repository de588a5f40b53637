"""The re-audit table fits a 60-column terminal, New (the column enter acts on) included.

Seen in tmux on the demo at 60x24 (ui25, again ui26): R drew 'Issue type  Before  After  Resolved
Still fla' and hid New behind a sideways scroll: the headings and 'Underperforming group' need 68
cells. The fourth heading is now 'Remaining' (as the per-class table under it and the CLI's delta
name it), and where the table is still wider than the screen the longest titles are cut to a word
or two (`Underperforming`, `Empty text`).
"""

from __future__ import annotations

import pytest
from pilot_helpers import decide_and_leave, open_issue, settle
from test_tui_review_reaudit import finish
from textual.widgets import DataTable

from tui.app import TextauditApp


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


async def _reaudit(pilot, app) -> DataTable:
    await open_issue(pilot, "label")
    await decide_and_leave(pilot, "a")  # accept: one decision, so that R has corrections to apply
    await pilot.press("R")
    await finish(pilot, app)
    await settle(pilot)
    return app.screen.query_one("#delta-table", DataTable)


def _headings(table: DataTable) -> list[str]:
    return [column.label.plain for column in table.ordered_columns]


def _titles(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_table_fits_60_columns(app):
    async with app.run_test(size=(60, 24)) as pilot:
        table = await _reaudit(pilot, app)
        assert _headings(table) == ["Issue type", "Before", "After", "Resolved", "Remaining", "New"]
        assert table.max_scroll_x == 0, (table.virtual_size, table.size)
        assert "Underperforming" in _titles(table)
        # and back at 100 columns, the whole title
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert "Underperforming group" in _titles(table)
        assert table.max_scroll_x == 0


async def test_the_whole_titles_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _reaudit(pilot, app)
        assert "Underperforming group" in _titles(table)
        assert table.max_scroll_x == 0, (table.virtual_size, table.size)
        row = table.cursor_row
        await pilot.resize_terminal(60, 24)  # narrower: shortened, the cursor stays on its type
        await settle(pilot)
        assert "Underperforming" in _titles(table) and table.cursor_row == row
        assert table.max_scroll_x == 0
