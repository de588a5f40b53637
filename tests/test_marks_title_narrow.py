"""At 40 columns the row screen's title still says how many rows are marked.

Seen in tmux on banking77 test at 40x12: three rows marked on Outliers, and the title read
'Outliers · 31 of 31 flagged · decided…': the '3 marked' that tells what a, l, x and o will act
on was the part the narrow bar cut. It now comes right after the screen's name.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from tui_synthetic import fixed_app


async def test_a_narrow_title_keeps_the_mark_count(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_issue(pilot, "outlier")
        await pilot.press("space", "space", "space")
        await pilot.pause()
        bar = screen.query_one("#title-bar")
        drawn = bar.render_line(0).text
        assert "3 marked" in drawn, drawn
        assert drawn.lstrip().startswith("Outliers · 3 marked ·"), drawn
