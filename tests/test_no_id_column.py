"""Data without an id column: the detail pane and the go-to dialog no longer speak of ids.

Seen in tmux on banking77 test (no --id-column): the pane read 'Row 2,402 · id 2402', an id no
column holds (without one the ids are the row numbers), and ':' offered 'Go to a row (0..3,079) or
an id (id:X)'; 'abc' there said "no row has the id 'abc'", as if some row might.
"""

from __future__ import annotations

from pilot_helpers import open_issue, wait_until
from textual.widgets import Label, Static
from tui_synthetic import fixed_app, fixed_view

from tui.app import TextauditApp
from tui.view import AuditView


async def test_rows_only_without_an_id_column(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    view.id_column = None  # as from_result builds it for data read without --id-column
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        assert screen.query_one("#detail").render_row(row).plain.startswith(f"Row {row:,}\n")
        await pilot.press("colon")
        await wait_until(pilot, lambda: app.screen.query("#goto-error"), "the go-to dialog")
        title = str(app.screen.query_one(".dialog-title", Label).render())
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
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        assert screen.query_one("#detail").render_row(row).plain.startswith(f"Row {row:,} · id {app.view.ids[row]}")
        await pilot.press("colon")
        await wait_until(pilot, lambda: app.screen.query("#goto-error"), "the go-to dialog")
        assert "or an id (id:X)" in str(app.screen.query_one(".dialog-title", Label).render())
