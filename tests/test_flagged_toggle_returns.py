"""f, f on an unflagged row of the list of every row returns the cursor to that row.

Seen in tmux (loop42, banking77 train, 10,003 rows): on the label screen's list of every row, on
row 1,992 (not flagged), f listed the flagged rows (the cursor at their top: row 1,992 is not
there) and f again listed every row with the cursor on that top row, 6,033: the place in the
10k-row list was lost. A row that both lists show keeps the cursor, as before.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle, wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, tmp_path) -> TextauditApp:
    return TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))


async def label_screen(pilot):
    app = pilot.app
    await settle(pilot)
    table = app.screen.query_one("#issue-table")
    table.move_cursor(row=app.view.issue_types.index("label"))
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: getattr(app.screen, "issue_type", None) == "label", "the label screen")
    await settle(pilot)
    return app.screen


async def toggle(pilot, screen, show_all: bool) -> None:
    await pilot.press("f")
    await wait_until(pilot, lambda: screen.show_all is show_all and not screen.row_list.pending, "the new list")
    await settle(pilot)


async def test_f_twice_returns_to_an_unflagged_row(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await label_screen(pilot)
        flagged = {int(r) for r in screen.row_list.order}
        await toggle(pilot, screen, True)
        rows = screen.row_list
        position = next(i for i, r in enumerate(rows.order) if int(r) not in flagged and i > 3)
        rows.move_cursor(position)
        await settle(pilot)
        reading = rows.current_row
        await toggle(pilot, screen, False)
        assert rows.cursor == 0 and reading not in {int(r) for r in rows.order}
        await toggle(pilot, screen, True)
        assert rows.current_row == reading


async def test_f_keeps_a_row_both_lists_show_and_a_moved_cursor(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await label_screen(pilot)
        rows = screen.row_list
        await toggle(pilot, screen, True)
        rows.move_cursor(len(rows.order) - 1)
        await settle(pilot)
        await toggle(pilot, screen, False)
        rows.move_cursor(1)  # moved on the flagged list: that row is where f goes back to
        await settle(pilot)
        moved = rows.current_row
        await toggle(pilot, screen, True)
        assert rows.current_row == moved


async def test_f_back_never_lists_the_row_past_a_new_filter(app):
    """A filter typed on the flagged list that hides the row: f lists every row that matches it,
    without the row ('filter: X but row N' listed it past the filter, as a go-to does)."""
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await label_screen(pilot)
        rows = screen.row_list
        labels, names = app.view.given, app.view.class_names
        flagged_label = int(labels[int(rows.order[0])])
        await toggle(pilot, screen, True)
        position = next(i for i, r in enumerate(rows.order)
                        if i > 3 and int(labels[int(r)]) != flagged_label)
        rows.move_cursor(position)
        await settle(pilot)
        reading = rows.current_row
        await toggle(pilot, screen, False)
        await pilot.press("slash", *f"given:{names[flagged_label]}", "enter")
        await wait_until(pilot, lambda: screen.filter_query and not rows.pending, "the filtered list")
        await settle(pilot)
        rows.move_cursor(0)
        await settle(pilot)
        await toggle(pilot, screen, True)
        listed = {int(r) for r in rows.order}
        assert reading not in listed and rows.current_row != reading
        assert all(int(labels[r]) == flagged_label for r in listed)
