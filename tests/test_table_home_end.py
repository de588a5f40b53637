"""Home / End in the app's tables of rows (the summary's issue table, the confusion navigator):
the first / last row, as in every row list. Textual's DataTable binds them to a sideways scroll,
so on the summary (tmux, banking77 test) End left the cursor where it was."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_synthetic import fixed_app

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


async def test_home_and_end_move_the_summary_cursor(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        assert table.has_focus and table.row_count > 2
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end", "enter")  # enter opens the row End went to
        await pilot.pause()
        assert getattr(app.screen, "issue_type", None) == app.view.issue_types[-1]


async def test_home_and_end_move_the_confusion_cursor(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        table = app.screen.query_one("#confusions", DataTable)
        assert table.row_count > 2
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
