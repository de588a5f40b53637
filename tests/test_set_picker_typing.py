"""The label-set picker filters as you type, as its filter line's placeholder says.

Seen in tmux on multi-label banking77 (84 labels): l, then 'atm' typed to find `cash "atm"`:
nothing happened (the list has the focus, and it drops letters); only '/' reached the filter
line, and from there down did nothing (only tab went back to the list).
"""

from __future__ import annotations

from pilot_helpers import DialogHost, settle, wait_until
from textual import events
from tui_synthetic import fixed_app

from tui.screens.label_set_picker import LabelSetPicker

NAMES = ["card_arrival", "card_lost", "check_balance", "refund_request", "atm_support"]


def shown(pilot) -> list[str]:
    options = pilot.app.screen.query_one("#set-options")
    return [str(options.get_option_at_index(i).prompt).split("  (")[0] for i in range(options.option_count)]


async def test_letters_typed_on_the_list_filter_it_and_down_goes_back_to_toggle():
    app = DialogHost(LabelSetPicker(NAMES, given=(1,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r", "e", "f")
        await pilot.pause()
        assert shown(pilot) == ["refund_request"]
        assert app.screen.query_one("#set-query").value == "ref"
        await pilot.press("down", "space")  # back on the list: space toggles, not types
        await pilot.pause()
        assert app.screen.query_one("#set-query").value == "ref"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [(1, 3)]  # card_lost (given) + refund_request


async def test_space_still_toggles_on_the_list():
    app = DialogHost(LabelSetPicker(NAMES, given=(1,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "enter")  # the first option is the given card_lost: untoggled
        await pilot.pause()
    assert app.results == [()]


async def test_space_on_the_filter_line_toggles_the_highlighted_label():
    """tmux, multi-label demo: l, 'fr' showed ▶ fraud; space (the title: 'space toggles') typed an
    unseen space into the filter line, and enter saved the set without fraud."""
    app = DialogHost(LabelSetPicker(NAMES, given=(1,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r", "e", "f", "space")
        await pilot.pause()
        assert app.screen.query_one("#set-query").value == "ref"
        assert "(+refund_request)" in str(app.screen.query_one("#set-chosen").render())
        await pilot.press("space")  # again: untoggled
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
    assert app.results == [(1, 3)]  # card_lost (given) + refund_request


async def test_space_typed_with_the_filter_toggles_what_the_filter_lists():
    """tmux, 'f', 'r', space sent at once: space toggled 'refund' (first under 'f') before 'fr'
    refilled the list with 'fraud' alone, and enter saved refund."""
    app = DialogHost(LabelSetPicker(["app", "refund", "fraud"], given=(0,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        for key in ("f", "r"):
            picker.query_one("#set-query").insert_text_at_cursor(key)  # the Changed messages wait
        picker.action_toggle()
        await pilot.pause()
        picker.action_save()
        await pilot.pause()
    assert app.results == [(0, 2)]  # app + fraud


async def test_space_typed_ahead_in_the_app_toggles_what_the_filter_lists(pinned_result, journal_path):
    """The app's key gate routed space at once to the focused filter line, as a typed letter; the
    picker's binding then ran before the input took the 'r' queued ahead of it."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        picker = LabelSetPicker(["app", "refund", "fraud"], given=(0,), missing=(1,))  # refund first under "f"
        app.push_screen(picker)
        await wait_until(pilot, lambda: app.screen is picker and app.focused is not None, "the picker")
        for key, character in (("f", "f"), ("r", "r"), ("space", " ")):  # one terminal read
            app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: picker.query_one("#set-query").value == "fr" and picker.chosen != {0},
                         "'fr' and a toggle")
        await settle(pilot)
        assert picker.chosen == {0, 2}  # app + fraud, not refund


async def test_down_from_the_filter_line_moves_the_cursor_as_on_the_list():
    """tmux, multi-label banking77: '/atm' showed ▶ on cash "atm", down to reach atm_support left the ▶
    where it was (only the focus moved), and space then toggled cash "atm" off."""
    app = DialogHost(LabelSetPicker(NAMES, given=(1,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "c", "a", "r", "d")  # card_arrival, card_lost
        await pilot.pause()
        assert shown(pilot)[:2] == ["card_lost", "card_arrival"]  # the given label first
        await pilot.press("down", "space", "enter")  # down: card_arrival, ticked
        await pilot.pause()
    assert app.results == [(0, 1)]


async def test_space_and_enter_in_one_read_save_the_toggled_label():
    """tmux, multi-label banking77 slice: l, 'bill', then space and enter sent at once wrote a 'keep'
    (the set unchanged): enter's binding saved before the list's Toggled message updated the set."""
    app = DialogHost(LabelSetPicker(NAMES, given=(1,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        picker.action_toggle()  # space: the given card_lost, first, untoggled
        picker.action_save()  # enter, before any message is handled
        await pilot.pause()
    assert app.results == [()]


async def test_keys_of_one_read_in_the_app_save_the_toggled_label(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        picker = LabelSetPicker(["app", "refund", "fraud"], given=(0,))
        results = []
        app.push_screen(picker, results.append)
        await wait_until(pilot, lambda: app.screen is picker and app.focused is not None, "the picker")
        for key, character in (("f", "f"), ("r", "r"), ("space", " "), ("enter", "\r")):  # one terminal read
            app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: bool(results), "the set saved")
        assert results == [(0, 2)]  # app + fraud
