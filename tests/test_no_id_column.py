"""Data without an id column: the detail pane and the go-to dialog no longer speak of ids.

Seen in tmux on banking77 test (no --id-column): the pane read 'Row 2,402 · id 2402', an id no
column holds (without one the ids are the row numbers), and ':' offered 'Go to a row (0..3,079) or
an id (id:X)'; 'abc' there said "no row has the id 'abc'", as if some row might.
"""

from __future__ import annotations

from pilot_helpers import open_issue, wait_until
from textual.widgets import Label
from tui_synthetic import fixed_app, fixed_view

from tui.app import TextauditApp
from tui.view import AuditView


async def header_and_goto(pilot):
    """On the label screen: the screen, its pane's text for the cursor's row, and the title of the
    go-to dialog ':' opens."""
    screen = await open_issue(pilot, "label")
    header = screen.query_one("#detail").render_row(screen.row_list.current_row).plain
    await pilot.press("colon")
    await wait_until(pilot, lambda: pilot.app.screen.query("#goto-error"), "the go-to dialog")
    return screen, header, str(pilot.app.screen.query_one(".dialog-title", Label).render())


async def test_rows_only_without_an_id_column(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.id_column = None  # as from_result builds it for data read without --id-column
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, header, title = await header_and_goto(pilot)
        assert header.startswith(f"Row {screen.row_list.current_row:,}\n"), header
        assert title.startswith("Go to a row (0..257) · enter goes"), title
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#goto-error", Label).render())
        assert error == "'abc' is no row number (0..257): this data has no id column (--id-column names one)"
        await pilot.press("ctrl+u", *"120", "enter")
        await wait_until(pilot, lambda: screen.row_list.current_row == 120, "the cursor on row 120")


def test_the_view_knows_the_id_column(demo_result):
    assert AuditView.from_result(demo_result).id_column == demo_result.dataset.id_column


async def test_an_id_column_is_still_shown(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, header, title = await header_and_goto(pilot)
        row = screen.row_list.current_row
        assert header.startswith(f"Row {row:,} · id {app.view.ids[row]}"), header
        assert "or an id (id:X)" in title, title
