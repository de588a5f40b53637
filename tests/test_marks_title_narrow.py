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


async def test_more_like_this_says_the_mark_count_once(pinned_result, journal_path):
    """ui22, tmux on a banking77 test slice at 80x24: m, three rows marked, and the title read
    'More like row 281 · 3 marked · 51 of 51 rows · decided 0 · 3 marked' (the screen's own
    title kept the count it had before the row screens put it after the name)."""
    import numpy as np
    from pilot_helpers import settle, wait_until

    from tui.screens.more_like_this import MoreLikeThisScreen

    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_issue(pilot, "label")
        rows = np.asarray([5, 9, 14, 22], dtype=np.int64)
        app.push_screen(MoreLikeThisScreen(app.view, app.book, rows, np.asarray([1.0, 0.9, 0.8, 0.7]), "More like row 5"))
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, MoreLikeThisScreen) and app.screen.busy is None,
                         "the more-like-this list")
        await pilot.press("space", "space", "space")
        await wait_until(pilot, lambda: app.screen.mark_count == 3, "three marks")
        drawn = app.screen.query_one("#title-bar").render_line(0).text
    assert drawn.lstrip().startswith("More like row 5 · 3 marked ·"), drawn
    assert drawn.count("marked") == 1, drawn
