"""The summary shows its top again once a terminal shrunk and grown back has room for it.

walk37 (demo, tmux): a resize to 40x12 scrolled the page to keep the issue table's cursor row in
view; back at 80x24 it stayed scrolled, the title and 'Health:' lines off the top until scrolled.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from tui_synthetic import fixed_app


async def test_grown_back_the_summary_shows_its_top(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#summary", VerticalScroll)
        assert page.scroll_y == 0
        await pilot.press("down", "down", "down")  # a row further down the issue table, on screen at 80x24
        await pilot.pause()
        assert page.scroll_y == 0
        await pilot.resize_terminal(40, 12)
        for _ in range(3):
            await pilot.pause()
        assert page.scroll_y > 0  # the cursor row kept in view
        await pilot.resize_terminal(80, 24)
        for _ in range(3):
            await pilot.pause()
        assert page.scroll_y == 0
