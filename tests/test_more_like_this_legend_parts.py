"""More like this: the flag legend breaks between its letters, never inside one.

Seen in tmux on the demo at 60x24 (ui25): m on row 50 drew 'Flags: L label issue · O outlier ·
D near-duplicate · ∅' / 'empty text', the empty-text letter parted from its meaning.
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue, settle, wait_until
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.screens.more_like_this import MoreLikeThisScreen


@pytest.mark.parametrize("size", [(50, 24), (60, 24), (120, 30)])
async def test_the_legend_breaks_between_letters(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await open_issue(pilot, "outlier")  # an outlier's neighbours carry several kinds of flag
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MoreLikeThisScreen), "more like this")
        await settle(pilot)
        legend = app.screen.query_one("#verdict", Static)
        lines = [line for line in (legend.render_line(y).text.strip() for y in range(legend.size.height)) if line]
        parts = [part for line in lines for part in line.split(" · ")]
        assert parts[0].startswith("Flags: ") and len(parts) >= 3, lines
        for part in [parts[0].removeprefix("Flags: "), *parts[1:]]:
            letter, _, meaning = part.partition(" ")
            assert len(letter) == 1 and meaning, lines  # every letter with its meaning, on one line
        if size[0] >= 120:
            assert len(lines) == 1, lines
