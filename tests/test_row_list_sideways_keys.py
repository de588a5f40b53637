"""Left/right (RowList's 'Previous member' / 'Next member') are active only on the near-duplicate
screen, where they choose a member: Textual's key panel (palette: Keys) listed them on every row
screen (tmux, Overlapping classes: '← Previous member  → Next member')."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


def sideways_keys(screen) -> set[str]:
    return {key for key, active in screen.active_bindings.items() if active.binding.action.startswith("sideways")}


async def test_member_keys_only_where_there_are_members(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for issue in ("label", "outlier"):
            app.open_issue(issue)
            await settle(pilot)
            assert sideways_keys(app.screen) == set(), issue
            await pilot.press("q")
            await settle(pilot)
        app.open_issue("near_duplicate")
        await settle(pilot)
        assert sideways_keys(app.screen) == {"left", "right"}
        view = app.screen.query_one("DiffView")
        assert view.selected == 0
        await pilot.press("right")
        await settle(pilot)
        assert view.selected == 1  # → still chooses the next member there
