"""Both label pickers mark the highlighted option with a ▶ in the text itself: Textual marks it by
background alone (grey 236 on 234 under NO_COLOR=1 in the label picker; bold and 254 vs 253 in the
label-set picker), which a plain terminal capture (tmux capture-pane) does not show at all."""

from __future__ import annotations

from pilot_helpers import StyledDialogHost

from tui.screens.label_picker import LabelPicker
from tui.screens.label_set_picker import LabelSetPicker

NAMES = ["card_arrival", "card_lost", "check_balance", "refund_request"]


def marks(options) -> list[str]:
    """The first two cells of each option's line, as a plain capture shows them."""
    return [options.render_line(y).text[:2] for y in range(options.option_count)]


async def cursor_moves_down(pilot, selector: str):
    """The picker's option list (``selector``): the ▶ on the first option, then, after down, on the second."""
    await pilot.pause()
    options = pilot.app.screen.query_one(selector)
    assert marks(options) == ["▶ ", "  ", "  ", "  "]
    await pilot.press("down")
    await pilot.pause()
    assert marks(options) == ["  ", "▶ ", "  ", "  "]
    return options


async def test_label_picker_draws_the_cursor_as_a_glyph():
    app = StyledDialogHost(LabelPicker(NAMES, current=1, suggested=2, text="where is my money",
                                       probs=[0.1, 0.05, 0.8, 0.05]))
    async with app.run_test(size=(80, 24)) as pilot:
        options = await cursor_moves_down(pilot, "#picker-options")
        assert "check_balance" in options.render_line(0).text  # the name still shows beside the gutter
        await pilot.press("l", "o", "s", "t")  # filtered: the best match holds the ▶
        await pilot.pause()
        assert marks(options)[0] == "▶ " and "card_lost" in options.render_line(0).text


async def test_label_set_picker_draws_the_cursor_before_the_box():
    app = StyledDialogHost(LabelSetPicker(NAMES, given=(1,), probs=[0.1, 0.9, 0.7, 0.05], missing=(2,)))
    async with app.run_test(size=(80, 24)) as pilot:
        options = await cursor_moves_down(pilot, "#set-options")
        assert options.render_line(0).text[2:5] == "▐✓▌"  # the box (given card_lost) follows the gutter
        assert options.render_line(1).text[2:5] == "▐ ▌"
