"""Enter on a row screen's list does nothing, and the help no longer says it opens something: it
listed 'enter  Open' under 'Row screens: view', where the list posted a message no screen read."""

from __future__ import annotations

from pilot_helpers import journal_lines, settle
from tui_synthetic import fixed_app

from tui.screens.help import SECTIONS


def test_the_help_lists_no_enter_on_row_screens():
    row_sections = [(heading, bindings) for heading, bindings in SECTIONS if heading.startswith("Row screens")]
    assert row_sections
    for heading, bindings in row_sections:
        assert all("enter" not in b.key.split(",") for b in bindings), heading


async def test_enter_on_a_row_list_changes_nothing(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        screen, row = app.screen, app.screen.query_one("RowList").current_row
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.query_one("RowList").current_row == row
        assert not journal_path.exists() or journal_lines(journal_path) == []
