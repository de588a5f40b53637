"""A row list draws no horizontal scrollbar, and a row opened from elsewhere is on screen.

Seen in tmux: every row screen spent a line under its rows on an empty horizontal scrollbar (the
list's virtual width counted the vertical scrollbar's column: 80 cells in a 79-cell view), 8 rows
at 80x24 where 9 fit. And enter on a row number of the report (row 2,021, underperforming group,
100x30) opened the screen with the cursor one line below the list's last visible row: the
cursor was scrolled to before that bar took its line.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle, wait_until

from tui.app import TextauditApp


def cursor_on_screen(row_list) -> bool:
    top = int(row_list.scroll_offset.y)
    return top <= row_list.cursor < top + row_list.body_height


async def test_a_row_list_has_no_horizontal_scrollbar_at_80x24(demo_result, tmp_path):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_issue("label")
        await settle(pilot)
        row_list = app.screen.row_list
        assert not row_list.show_horizontal_scrollbar
        assert row_list.body_height == row_list.size.height - 1  # every line but the header lists a row


@pytest.mark.parametrize("issue", ["underperforming_group", "class_imbalance", "outlier", "label"])
async def test_a_row_shown_on_a_screen_opened_for_it_is_on_screen(demo_result, tmp_path, issue):
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.show_row(issue, 200)  # as the report's enter on a row number does
        await settle(pilot)
        row_list = app.screen.row_list
        await wait_until(pilot, lambda: row_list.current_row == 200, "the cursor on row 200")
        await pilot.pause()
        assert cursor_on_screen(row_list)
