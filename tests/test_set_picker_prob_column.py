"""The label-set picker's probabilities stand in one column, as the label picker's do (tui.prob_column): each line
read 'app  (p=0.72, given)', the probability wherever its label ended; a banking77 name too long for 50 columns is cut
in its middle and its probability still lines up, and at 120 columns every name is whole (ui36)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_set_picker_notes_whole import StyledHost, drawn

from tui.screens.label_set_picker import LabelSetPicker

NAMES = ["app", "refund", "balance_not_updated_after_cheque_or_cash_deposit", "card"]


@pytest.mark.parametrize("width", [50, 120])
async def test_the_probabilities_stand_in_one_column(width):
    picker = LabelSetPicker(NAMES, given=(0, 2), probs=np.array([0.72, 1.0, 0.05, 0.08]), missing=(1,), extra=(2,))
    async with StyledHost(picker).run_test(size=(width, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = drawn(pilot.app.screen)
    assert len(lines) == len(NAMES), lines
    columns = [found.start() if (found := re.search(r"  [01]\.\d\d", line)) else None for line in lines]
    assert None not in columns and len(set(columns)) == 1, lines  # one column
    long = next(line for line in lines if "balance_" in line)
    if width == 50:  # cut in its middle, the note said short and whole
        assert "▌ balance_n…_deposit  (wrong?)  0.05" in long, lines
    else:
        assert f"▌ {NAMES[2]}  0.05  (likely wrong)" in long, lines
