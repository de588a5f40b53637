"""Every line of the label picker fits its width: at 50 columns 'no class matches '…' · enter takes it as a new class'
took two to four lines and '+ new class: NAME  (like CLASS: check the spelling)', naming banking77's 48-cell class,
three (ui35b, tmux). The message is said short, the typed name left to the search line; the like-note takes a line of
its own, its class cut in the middle at 50 columns and whole at 120."""

from __future__ import annotations

import pytest
from pilot_helpers import StyledDialogHost

from tui.screens.label_picker import LabelPicker

LONG = "balance_not_updated_after_cheque_or_cash_deposit"
TYPED = "Balance-Not-Updated-After-Cheque-Or-Cash-Deposit"  # folds as LONG, matches no class


@pytest.mark.parametrize("width", [50, 120])
async def test_the_no_match_and_like_lines_fit(width):
    picker = LabelPicker(["card_arrival", LONG], text="Has my cheque cleared?", probs=[0.3, 0.7],
                         new_class=lambda name: None, query=TYPED)
    async with StyledDialogHost(picker).run_test(size=(width, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = pilot.app.screen.query_one("#picker-options")
        lines = [line.strip() for y in range(options.size.height) if (line := options.render_line(y).text).strip()]
    assert len(lines) == 3, lines  # the message, the new class, its note: none wrapped
    if width == 50:
        assert lines[0] == "no class matches · enter: new class", lines
        assert lines[1].startswith("▶ + new class: Balance-Not-") and "…" in lines[1], lines
        assert lines[2].startswith("(like balance_n") and lines[2].endswith("_deposit: spelling?)"), lines
    else:
        assert lines[0] == f"no class matches '{TYPED[:16]}…{TYPED[-15:]}' · enter takes it as a new class", lines
        assert lines[1:] == [f"▶ + new class: {TYPED}", f"(like {LONG}: check the spelling)"], lines
