"""Walking the confusion navigator from the label screen: enter on a pair lists its rows, and
escape goes back to the pairs with the cursor where it was. Before, ``c`` on the label screen
put the navigator above it, enter popped the navigator, and escape went to the summary; ``c``
again opened a new navigator with its cursor back on the first pair (seen in tmux, banking77)."""

from __future__ import annotations

from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app

from tui.screens.confusions import ConfusionScreen
from tui.screens.label_issues import LabelIssuesScreen


async def test_escape_from_a_pair_goes_back_to_the_pairs(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        navigator = await press_on(pilot, "label", "c")
        assert isinstance(navigator, ConfusionScreen) and len(navigator.groups) >= 3
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        label = app.screen
        assert isinstance(label, LabelIssuesScreen)
        assert label.filter_query.startswith("given:")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is navigator
        assert navigator.query_one("#confusions").cursor_row == 2
        await pilot.press("escape")  # and from the pairs, back to the summary
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        await press_on(pilot, "label", "c")  # the navigator comes back where it was left
        assert app.screen is navigator and navigator.query_one("#confusions").cursor_row == 2
