"""The footer draws its keys while the app has no focus: ``textaudit serve`` starts every app
blurred (Textual's web driver) until the page sends a focus, and Textual's footer redraws only
with the focus, so a page opened without a click showed a blank footer until the first key."""

from __future__ import annotations

from pilot_helpers import settle
from textual import events
from textual.widgets._footer import FooterKey

from tui.app import TextauditApp


def _keys(app: TextauditApp) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_a_screen_opened_while_the_app_is_blurred_draws_its_footer(pinned_result, tmp_path):
    from tui_synthetic import fixed_app

    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(events.AppBlur())  # what the web driver posts at start
        await pilot.pause()
        assert not app.app_focus
        app.open_issue("label")
        await settle(pilot)
        await pilot.pause()
        assert {"Accept", "Label", "Undo", "Help"} <= set(_keys(app)), _keys(app)
        assert not app.app_focus  # drawn without the focus, not by taking it
