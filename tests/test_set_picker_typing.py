"""The label-set picker filters as you type, as its filter line's placeholder says.

Seen in tmux on multi-label banking77 (84 labels): l, then 'atm' typed to find `cash "atm"`:
nothing happened (the list has the focus, and it drops letters); only '/' reached the filter
line, and from there down did nothing (only tab went back to the list).
"""

from __future__ import annotations

from pilot_helpers import DialogHost

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
