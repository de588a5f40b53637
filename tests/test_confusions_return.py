"""Walking the confusion navigator from the label screen: enter on a pair lists its rows, escape goes back to
the pairs with the cursor where it was, and escape again back to the label screen where ``c`` was pressed,
listing what it listed then. Before, ``c`` on the label screen put the navigator above it, enter popped the
navigator, and escape went to the summary; ``c`` again opened a new navigator with its cursor back on the first
pair (seen in tmux, banking77). Then the pair moved the label screen above the navigator, and escape from the
pairs went to the summary, past the screen ``c`` was pressed on (walk40; fix41b in tmux, banking77)."""

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
        await pilot.press("escape")  # and from the pairs, back to the label screen c was pressed on
        await settle(pilot)
        assert app.screen is label and label.filter_query == "" and label.opened_filter == ""
        await pilot.press("escape")  # and from there to the summary
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        await press_on(pilot, "label", "c")  # the navigator comes back where it was left
        assert app.screen is navigator and navigator.query_one("#confusions").cursor_row == 2


async def test_back_from_the_pairs_lists_what_the_label_screen_listed(pinned_result, journal_path):
    """A filter typed and the cursor's row come back with the label screen; two pairs in a row change nothing."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        label = await press_on(pilot, "label")
        assert isinstance(label, LabelIssuesScreen)
        label.set_filter("the")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        listed, row = label.row_list.order.copy(), label.row_list.current_row
        assert len(listed) > 1 and row is not None
        await pilot.press("c")
        await pilot.pause()
        navigator = app.screen
        assert isinstance(navigator, ConfusionScreen)
        for _ in range(2):  # a pair, back to the pairs, another pair, back to the pairs
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is label and label.filter_query.startswith("given:")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is navigator
            await pilot.press("down")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is label and label.filter_query == "the" and label.opened_filter == ""
        assert list(label.row_list.order) == list(listed) and label.row_list.current_row == row
        await pilot.press("escape")  # the typed filter goes first (escape's second step), then back
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_a_navigator_opened_from_the_summary_goes_back_there(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_on(pilot, "label", "c", "enter")  # came_from set on the navigator
        await settle(pilot)
        for _ in range(3):
            await pilot.press("escape")
            await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, ConfusionScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen" and len(app.screen_stack) == 2
