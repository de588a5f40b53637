"""A Confusions pair's filter stays readable in the title: the last parts give way before its names
are cut to a few letters.

walk43, tmux 80x24 on banking77 test: confusions -> pair -> * titled 'Label issues · 3 marked · ...
· filter: g:d…r s:f…r' (the filter's part shrank first, to the room the counts left).
"""

from __future__ import annotations

import re

from pilot_helpers import press_on, settle
from rich.cells import cell_len
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.title_fit import fit_title

PAIR = "given:declined_transfer suggested:failed_transfer"


def test_the_counts_give_way_to_the_pair():
    parts = ["Label issues", "3 marked", "3 of 160 flagged", "decided 0/160", f"filter: {PAIR}"]
    fitted = fit_title(parts, 78, (PAIR,))
    assert fitted == "Label issues · 3 marked · … · filter: g:declined_transfer s:failed_transfer", fitted
    assert fit_title(parts, 38, (PAIR,)).endswith("filter: g:d…r s:f…r")  # nothing left to give way


async def test_marked_pair_title_keeps_the_names_readable(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_on(pilot, "label", "c")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("asterisk")
        await settle(pilot)
        bar = app.screen.query_one("#title-bar", Static)
        title = str(bar.render())
        assert " marked" in title and cell_len(title) <= bar.content_region.width, title
        words = re.search(r"filter: (?:g|given):(\S+) (?:s|suggested):(\S+)$", title)
        assert words and min(cell_len(words[1]), cell_len(words[2])) >= 8, title
