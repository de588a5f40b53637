"""Escape on a row list clears a filter typed there before it goes back, as in less, vim or fzf.

ui27 (tmux, the demo at 80x24): '/card' enter, then escape, went straight back to the summary,
the filter kept for the next visit. Now escape clears the marks, then the typed filter (the
whole list again, the cursor still on the list), and only then goes back. A filter a navigator
opened the screen with is what the user came for: escape goes back to the navigator at once, and
a filter typed over it returns to it.
"""

from __future__ import annotations

from pilot_helpers import filter_rows, notices, press_on, settle, wait_until
from tui_synthetic import fixed_app

from tui.screens.confusions import ConfusionScreen


async def test_escape_clears_the_typed_filter_then_goes_back(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = notices(app)
        screen = await press_on(pilot, "label")
        everything = len(screen.row_list.order)
        await filter_rows(pilot, "card")
        assert 0 < len(screen.row_list.order) < everything
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.filter_query == "" and screen.busy is None
                         and not screen.row_list.pending, "the filter cleared")
        assert app.screen is screen
        assert len(screen.row_list.order) == everything
        assert screen.query_one("#filter").value == ""
        assert any("filter 'card' cleared" in notice and "esc again" in notice for notice in seen), seen
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_marks_go_first_then_the_filter(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_on(pilot, "label")
        await filter_rows(pilot, "card")
        await pilot.press("space")
        await settle(pilot)
        assert screen.mark_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mark_count == 0 and screen.filter_query == "card" and app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert screen.filter_query == "" and app.screen is screen


async def test_a_navigators_filter_stays_and_escape_goes_back_to_it(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        navigator = await press_on(pilot, "label", "C")
        assert isinstance(navigator, ConfusionScreen)
        await pilot.press("enter")
        await settle(pilot)
        label = app.screen
        pair = label.filter_query
        assert pair.startswith("given:")
        await filter_rows(pilot, "zzz")  # typed over the pair's filter
        await pilot.press("escape")
        await wait_until(pilot, lambda: label.filter_query == pair and label.busy is None
                         and not label.row_list.pending, "the pair's filter back")
        assert app.screen is label and label.query_one("#filter").value == pair
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is navigator
