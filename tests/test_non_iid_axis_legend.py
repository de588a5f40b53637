"""The Non-IID label plot's y-axis counts as its legend does, from 1.

Seen in tmux on the demo at 80x24 (ui24, again ui25): the plot of 'Labels by position, classes
numbered from 1 as they appear' read 7 at the top of its axis and 0 at the bottom, while its
legend below numbers the classes 1 = card_lost ... 7 = transfer_money: no class is 0, and the
first class's bars fill the line marked 0. The axis now reads 1 there.
"""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.screens.non_iid import NonIidScreen
from tui.widgets.charts import PositionPlot


def axis_labels(plot: PositionPlot) -> list[str]:
    """The words left of the axis on each line that has one."""
    lines = plot.render().plain.splitlines()[1:]  # the title first
    return [line.split("│")[0].strip() for line in lines if "│" in line and line.split("│")[0].strip()]


async def test_the_label_plot_axis_reads_from_1_like_its_legend(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(NonIidScreen(app.view))
        await settle(pilot)
        plot = app.screen.query_one("#label-plot", PositionPlot)
        classes = app.view.label_order.n_classes
        assert axis_labels(plot) == [str(classes), "1"]
        legend = str(app.screen.query_one("#label-plot-legend").render())
        assert "1 = " in legend and "0 = " not in legend  # the legend counts from 1
        score = app.screen.query_one("#score-plot", PositionPlot)  # the score plot keeps its values
        assert axis_labels(score) == ["1", "0"]
