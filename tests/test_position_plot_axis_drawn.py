"""The Non-IID plots draw their x-axis line whatever lines their title wraps to.

ui33, tmux 80x24 on a Debian debtags sample (--label-sep '|'): the title 'Label sets by position,
sets numbered from 1 as they appear (steps = grouped)' wrapped to 2 lines of the plot's 10, and its
last line, '└ row 0 ... row 2,499 ┘', fell under the widget's edge: the plot had no x-axis. The
demo's 'Labels by position ...' title did the same at 50x16.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.screens.non_iid import NonIidScreen
from tui.widgets.charts import PositionPlot


def drawn(plot: PositionPlot) -> list[str]:
    return [plot.render_line(y).text.rstrip() for y in range(plot.size.height)]


@pytest.mark.parametrize("size", [(50, 16), (80, 24), (120, 40)])
async def test_both_plots_end_on_their_axis_line(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        app.push_screen(NonIidScreen(app.view))
        await settle(pilot)
        for name in ("#label-plot", "#score-plot"):
            plot = app.screen.query_one(name, PositionPlot)
            plot.title = plot.title + " and some more words" * (size[0] // 40)  # a title that wraps
            plot.refresh()
            await pilot.pause()
            lines = drawn(plot)
            assert "└ row 0" in lines[-1], (name, lines)
            assert "│" in lines[-2] and lines[-2].split("│")[0].strip(), (name, lines)  # the axis's low end
