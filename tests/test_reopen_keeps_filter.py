"""A filter typed with / is kept between runs with the rest of the place (tui/ui_state.py), and said as the list
reopens: an SSH drop mid-search reopened on every row, the search gone; a filter kept without a word would read as
rows gone, so the first list toasts it (esc clears it, as it clears any typed filter)."""

from __future__ import annotations

from pilot_helpers import open_from_summary, settle, wait_until
from textual.widgets import Input
from tui_synthetic import fixed_app



async def _search(result, journal, query: str) -> int:
    app = fixed_app(result, journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("f", "slash", *query, "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: screen.filter_query == query and screen.busy is None, "the filter applied")
        await pilot.press("down")
        await settle(pilot)
        listed = len(screen.row_list.order)
        await pilot.press("q", "q")
        await pilot.pause()
    return listed


async def test_a_typed_filter_reopens_and_is_said(pinned_result, journal_path):
    listed = await _search(pinned_result, journal_path, "card")
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await wait_until(pilot, lambda: screen.busy is None and len(screen.row_list.order) > 0, "the first list")
        assert screen.filter_query == "card" and screen.query_one("#filter", Input).value == "card"
        assert len(screen.row_list.order) == listed < len(app.view) and screen.row_list.cursor == 1
        said = [str(n.message) for n in app._notifications]
        assert any("filter 'card' kept from the last run" in s and "esc clears it" in s for s in said), said
        await pilot.press("escape")  # esc clears it, as any typed filter
        await settle(pilot)
        await wait_until(pilot, lambda: screen.busy is None and len(screen.row_list.order) == len(app.view), "every row")
        assert screen.filter_query == ""


async def test_a_cleared_filter_stays_cleared(pinned_result, journal_path):
    await _search(pinned_result, journal_path, "card")
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await wait_until(pilot, lambda: screen.busy is None and len(screen.row_list.order) > 0, "the first list")
        await pilot.press("escape")
        await settle(pilot)
        await wait_until(pilot, lambda: screen.filter_query == "" and screen.busy is None, "the filter cleared")
        await pilot.press("q", "q")
        await pilot.pause()
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await wait_until(pilot, lambda: screen.busy is None and len(screen.row_list.order) > 0, "the first list")
        assert screen.filter_query == "" and len(screen.row_list.order) == len(again.view)
        assert not any("kept from the last run" in str(n.message) for n in again._notifications)
