"""Narrower than 80 columns the footer leaves out the palette key, so '? Help' shows.

Seen in tmux at 60x20 (banking77 test, AG News): the palette key docked right covered the last
keys: the summary's footer ended 'q Quit  ? He▏^p palette', and on the label screen '? Help' was
gone ('a Accept l Label x Exclude o Keep u Undo / Filter▏^p palette').
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue
from textual.widgets import Footer
from tui_synthetic import fixed_app


def help_key_whole(app) -> bool:
    """Whether the footer's '?' key is drawn whole, left of the palette key where that shows."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    palette = [k for k in keys if k.has_class("-command-palette") and k.display]
    edge = palette[0].region.x if palette else footer.region.right
    help_key = next(k for k in keys if k.key == "question_mark")
    return help_key.region.width > 0 and help_key.region.right <= edge


@pytest.mark.parametrize("screen", ["summary", "label"])
async def test_help_shows_at_60_columns(pinned_result, journal_path, screen):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(60, 20)) as pilot:
        if screen == "label":
            await open_issue(pilot, "label")
        await pilot.pause()
        assert help_key_whole(app)


async def test_the_palette_key_shows_from_80_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.pause()
        palette = app.screen.query_one(Footer).query_one(".-command-palette")
        assert palette.display and palette.region.width > 0
        assert help_key_whole(app)
