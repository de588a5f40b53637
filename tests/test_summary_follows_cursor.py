"""The summary's page scrolls to keep the issue table's cursor row in sight. The table grows to its
rows (height auto), so Textual's own cursor scrolling had nothing to scroll: at 50x16 on a 5,000-row
file, where the health line took 8 lines, Down moved the cursor below the screen's edge while the page
still showed the first two table rows (ui31, tmux)."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable
from tui_synthetic import fixed_app

SIZE = (50, 12)  # the demo's health line and table do not fit: the page scrolls


@pytest.fixture
def app(pinned_result, journal_path):
    return fixed_app(pinned_result, journal_path)


def cursor_in_sight(app) -> bool:
    """Whether the cursor row's line lies within the page's visible rows."""
    table = app.screen.query_one("#issue-table", DataTable)
    page = app.screen.query_one("#summary", VerticalScroll)
    header = table.header_height if table.show_header else 0
    top = table.region.y + header + sum(r.height for r in table.ordered_rows[:table.cursor_row]) - round(table.scroll_y)
    shown = page.scrollable_content_region
    return shown.y <= top and top + table.ordered_rows[table.cursor_row].height <= shown.bottom



async def test_down_to_the_last_row_and_back_keeps_the_cursor_in_sight(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        page = app.screen.query_one("#summary", VerticalScroll)
        assert table.has_focus and table.row_count > 4
        assert page.max_scroll_y > 0  # the page is taller than the screen here
        assert page.scroll_y == 0  # it starts at its top (the health line)
        while table.cursor_row < table.row_count - 1:
            await pilot.press("down")
            await pilot.pause()
            assert cursor_in_sight(app), table.cursor_row
        assert page.scroll_y > 0
        while table.cursor_row > 0:
            await pilot.press("up")
            await pilot.pause()
            assert cursor_in_sight(app), table.cursor_row
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1 and cursor_in_sight(app)
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and cursor_in_sight(app)


async def test_back_from_the_chart_shows_the_cursor_row(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("c")  # the page scrolls to the chart and takes the keys
        await pilot.pause()
        assert not table.has_focus
        await pilot.press("c")  # back to the table, its cursor row in sight
        await pilot.pause()
        await pilot.pause()
        assert table.has_focus and table.cursor_row == table.row_count - 1 and cursor_in_sight(app)
