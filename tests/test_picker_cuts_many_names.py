"""The label picker's cuts of thousands of class names sharing a start take work in proportion to the names.

tui/prob_column.apart_cuts (4d2b06f) looked, for each name's cut, through every name starting as the cut does: with
3,000 classes 'Electronics > Accessories > item N' the picker at 60 columns took 34.5 s to open (2.0 s after; 5,000
names: 45 s a width, 0.4 s after), and 2,000 'Electronics > item N > Accessories' 75 s a width (2.0 s after). It
looks through the shorter of the names starting as the cut does and those ending as it does, until a second, and
makes a name's other cuts only until one reads as it alone. Counted (lines run in tui/prob_column.py), not timed."""

from __future__ import annotations

import sys

import pytest

import tui.prob_column as prob_column
from tui.prob_column import apart_cuts

FEW, MANY = 150, 600


def lines_run(names: list[str], width: int) -> tuple[dict[str, str], int]:
    """apart_cuts(names, width) and the lines of tui/prob_column.py it ran."""
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename == prob_column.__file__ else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        cuts = apart_cuts(names, width)
    finally:
        sys.settrace(before)
    return cuts, count[0]


@pytest.mark.parametrize("pattern", ["Electronics > Accessories > item {}", "Electronics > item {} > Accessories"])
def test_names_sharing_a_start_are_cut_in_work_per_name(pattern: str) -> None:
    per_name = []
    for rows in (FEW, MANY):
        names = [pattern.format(row) for row in range(rows)]
        cuts, lines = lines_run(names, 24)
        assert len(cuts) == rows and len(set(cuts.values())) == rows  # every name cut, no two alike
        per_name.append(lines / rows)
    # four times the names: each name's lines grow with the log of their number, not fourfold (each cut had
    # looked through every name starting as it does)
    assert per_name[1] < 2 * per_name[0], f"lines a name: {per_name[0]:,.0f} for {FEW} names, {per_name[1]:,.0f} for {MANY}"
