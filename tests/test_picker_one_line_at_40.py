"""The label picker at 40x12 keeps each class on one line, its role and probability on it too.

tmux, demo at 40x12 (walk41, fix41c): Label issues, l: 'card_lost  (suggested)' with its '0.943' wrapped onto the
line below ('refun…uest  (suggested)' likewise on row 255): where the name cut to MIN_NAME_CELLS and its note passed
the probability's column, the probability went after them and past the list's width. A line now never passes the
width: the name is cut shorter (a shorter wording of the note first), the probability stays on its line.
"""

from __future__ import annotations

import pytest
from pilot_helpers import StyledDialogHost
from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList

from tui.prob_column import prob_line
from tui.screens.label_picker import LabelPicker

DEMO = ["card_lost", "refund_request", "transfer_money", "check_balance", "exchange_rate", "change_pin",
        "close_account"]
PROBS = [0.943, 0.004, 0.003, 0.009, 0.011, 0.016, 0.014]


@pytest.mark.parametrize(("current", "suggested"), [(3, 0), (0, 1), (1, 1), (6, 1)])
async def test_every_class_is_one_line_at_40x12(current: int, suggested: int) -> None:
    probs = PROBS[suggested:] + PROBS[:suggested] if suggested else PROBS
    app = StyledDialogHost(LabelPicker(DEMO, current=current, suggested=suggested, probs=probs,
                                       text="I lost my credit card at the airport, please block it."))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.virtual_size.height == len(DEMO), [options.render_line(y).text for y in range(options.size.height)]
        lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
        assert all("0.0" in line or "0.9" in line for line in lines), lines  # each its probability


@pytest.mark.parametrize("width", range(25, 41))  # 25: the list at 40 columns
def test_a_line_never_passes_its_width(width: int) -> None:
    for name in ("card_lost", "refund_request", "balance_not_updated_after_bank_transfer"):
        for notes in (["  (given, suggested)", "  (given)"], ["  (suggested)"], ["  (current)"], [""]):
            line = prob_line(Content(name), "0.943", notes, longest=39, width=width)
            assert cell_len(line.plain) <= width, (width, line.plain)
            assert line.plain.rstrip().endswith("0.943"), line.plain
