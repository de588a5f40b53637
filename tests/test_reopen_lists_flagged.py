"""An issue screen opened from the summary lists that issue's flagged rows, even when the last
visit left it listing every row.

Seen in tmux: on the label screen, ':' to an unflagged row lists every row ('all rows' in the
title, so the cursor can go there). Back on the summary, which says 'Label issues 7', enter
opened the same screen still listing all 997 rows. The screen is built once and kept (cursor and
filter survive), so the widened listing did too. Going back to the list from the summary is
asking for the rows the count is about; ``f`` still lists every row.
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import open_from_summary, open_goto, settle, wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, tmp_path) -> TextauditApp:
    return TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))


async def test_reopened_from_the_summary_the_label_screen_lists_its_flagged_rows(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        flagged = sorted(int(r) for r in screen.row_list.order)
        unflagged = next(r for r in range(len(app.view)) if r not in set(flagged))
        await open_goto(pilot)
        await pilot.press(*str(unflagged), "enter")
        await wait_until(pilot, lambda: screen.row_list.current_row == unflagged, "the go-to row")
        assert len(screen.row_list.order) == len(app.view)  # every row: the go-to had to widen
        again = await open_from_summary(pilot, "label")
        assert again is screen
        assert sorted(int(r) for r in screen.row_list.order) == flagged
        bar = str(screen.query_one("#title-bar").render())
        assert f"of {len(flagged):,} flagged" in bar and " rows ·" not in bar, bar
        await pilot.press("f")  # f still lists every row, on request
        await settle(pilot)
        assert len(screen.row_list.order) == len(app.view)


async def test_reopened_from_the_summary_near_duplicates_list_every_set(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "near_duplicate")
        sets = len(screen.row_list.order)
        await pilot.press("f")  # conflicts only
        await settle(pilot)
        assert len(screen.row_list.order) < sets
        await open_from_summary(pilot, "near_duplicate")
        assert len(np.asarray(screen.row_list.order)) == sets


async def test_the_palette_opens_an_issue_at_its_flagged_rows(app):
    """ctrl+p 'Open: Label issues' says '11 flagged' too: it lists those rows again."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        flagged = sorted(int(r) for r in screen.row_list.order)
        await pilot.press("f")
        await settle(pilot)
        assert len(screen.row_list.order) == len(app.view)
        await pilot.press("escape")
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Open: Label issues")
        command.callback()
        await settle(pilot)
        assert app.screen is screen
        assert sorted(int(r) for r in screen.row_list.order) == flagged
