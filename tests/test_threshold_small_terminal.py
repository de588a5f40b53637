"""The threshold dialog at 40x12 (the smallest size the README promises): the histogram and its
margins took the room, and the line saying how many rows the threshold flags was cut off below
the axis (tmux, demo: the box ended at '0.00061  0.025 · log scale')."""

from __future__ import annotations

import pytest
from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize(("size", "hint"), [((40, 12), False), ((80, 24), True)])
async def test_the_flagged_count_is_in_view(pinned_result, journal_path, size, hint):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await press_on(pilot, "label", "t")
        await settle(pilot)
        box = app.screen.query_one("#threshold").content_region
        summary = app.screen.query_one("#threshold-summary")
        assert "rows" in str(summary.render())
        assert box.y <= summary.region.y and summary.region.bottom <= box.bottom, (summary.region, box)
        assert app.screen.query_one("#threshold-hint").display is hint
        await pilot.press("right")  # a redraw keeps its first line, the count, in view
        await settle(pilot)
        assert "rows" in str(summary.render()) and summary.region.y < box.bottom



def test_the_axis_line_never_wraps():
    from tui.widgets.score_histogram import axis_line

    for width in range(20, 90):  # the dialog's histogram is 32 cells wide at 40 columns
        for low, high in ((-2.7, 0.0), (-5.9, -0.3), (-3.2, -1.36)):
            assert len(axis_line(low, high, width)) <= width, (width, low, high)
