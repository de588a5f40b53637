"""A new sort keeps the row under the cursor, scrolled into view, and a number key sorts by the column drawn there
(loop42, banking77 train: every sort opened the list at its top, the row being read lost among 10,003; and 's' went
through the columns in turn, Decision to Score in 4 presses)."""

from __future__ import annotations

from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_app

from tui.columns import DECISION, GIVEN, SCORE, TEXT


def _in_view(rows) -> bool:
    """The cursor's row shows, with rows before and after it (a row scrolled to is put mid-screen)."""
    top = int(rows.scroll_offset.y)
    return top < rows.cursor < top + rows.body_height - 1 or rows.cursor == 0


async def test_a_new_sort_keeps_the_row_under_the_cursor(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        await pilot.press("f")  # every row: a list longer than the screen
        await settle(pilot)
        rows = screen.row_list
        rows.move_cursor(40)
        await pilot.pause()
        row = rows.current_row
        for key in ("s", "S", "s"):  # score -> decision, reversed, -> text
            await pilot.press(key)
            await settle(pilot)
            assert rows.current_row == row, (key, screen.sort_key)
            assert _in_view(rows), (key, rows.cursor, rows.scroll_offset.y)
        assert screen.sort_key == TEXT and rows.cursor != 40  # the row moved in the list; the cursor with it


async def test_a_number_sorts_by_that_column_and_again_reverses(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        assert screen.row_list.drawn_keys() == [TEXT, GIVEN, "suggested", SCORE, DECISION]
        row = screen.row_list.current_row
        await pilot.press("5")
        await settle(pilot)
        assert (screen.sort_key, screen.sort_descending) == (DECISION, False)
        await pilot.press("5")
        await settle(pilot)
        assert (screen.sort_key, screen.sort_descending) == (DECISION, True)
        await pilot.press("2")
        await settle(pilot)
        assert (screen.sort_key, screen.sort_descending) == (GIVEN, False)
        assert "Given ▲" in screen.row_list.render_line(0).text
        assert screen.row_list.current_row == row
        await pilot.press("6")  # five columns drawn: said, nothing sorted
        await settle(pilot)
        assert (screen.sort_key, screen.sort_descending) == (GIVEN, False)
        assert any("no column 6 here" in n.message for n in app._notifications)


def test_help_lists_the_number_keys():
    from tui.screens.help import SECTIONS

    view = dict(SECTIONS)["Row screens: view"]
    assert any(b.key == "1" and "counted from the left" in (b.tooltip or "") for b in view)  # help writes it 1-6
