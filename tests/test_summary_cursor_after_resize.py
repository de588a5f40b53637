"""The summary keeps its issue table's cursor row in sight when the terminal shrinks.

bcd9da3 made the page follow the cursor on each move (RowHighlighted), but a resize moves nothing:
in tmux on Debian debtags (tfidf), End at 50x16 (Non-IID highlighted, in sight), then the terminal
made 46x10 (the Decided column already left out, so the table was not refilled): the page showed the health line and the first row, the cursor row below the screen, and
enter opened a row the user could not see (review32).
"""

from __future__ import annotations

import pytest
from test_summary_follows_cursor import cursor_in_sight
from textual.containers import VerticalScroll
from textual.widgets import DataTable
from tui_synthetic import fixed_app


@pytest.fixture
def app(pinned_result, journal_path):
    return fixed_app(pinned_result, journal_path)


async def test_a_smaller_terminal_keeps_the_cursor_row_in_sight(app):
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1 and cursor_in_sight(app)
        await pilot.resize_terminal(46, 10)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#summary", VerticalScroll).max_scroll_y > 0  # the page no longer fits
        assert table.has_focus and table.cursor_row == table.row_count - 1
        assert cursor_in_sight(app)

