"""The label pickers at 40x12 (the smallest size the README promises): the box (80% of the
height) held the title, the row's text and the search line, and no line of options was left."""

from __future__ import annotations

import pytest
from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app

from tui.screens.label_set_picker import LabelSetPicker


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_label_picker_shows_options_at_40x12(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await press_on(pilot, "label", "l")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        assert options.region.height >= 3, options.region
        assert app.screen.query_one("#picker").region.bottom <= size[1] - 1  # above the footer


async def test_the_label_set_picker_shows_options_at_40x12(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(40, 12)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        app.push_screen(LabelSetPicker(["app", "card", "refund", "fraud"], given=(0,)))
        await settle(pilot)
        assert app.screen.query_one("#set-options").region.height >= 3
