"""The summary's label-frequency chart on label sets gives each label's share of the rows.

Seen in tmux on multi-label banking77 (1,200 rows, two labels a row): 'card 394 16.4%', where
394 rows are 32.8% of the rows; the share was of the 2,400 labels given, so every bar read as
half of what it is, and past the chart's limit '… N more classes, N rows' counted labels as rows.
"""

from __future__ import annotations

from pilot_helpers import settle
from textual.widgets import Static

from tui.widgets.charts import BarChart


async def test_each_label_share_is_of_the_rows(ml_app, ml_result):
    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ml = ml_app.view.multilabel
        rows = len(ml.sets)
        counts = ml.label_counts()
        assert counts.sum() > rows  # rows with two labels: the labels' sum is no row count
        chart = ml_app.screen.query_one("#class-chart", BarChart)
        lines = str(chart.render()).splitlines()
        top = int(counts.argmax())
        line = next(line for line in lines if line.startswith(ml.names[top]))
        assert line.split()[-1] == f"{counts[top] / rows:.1%}"
        title = str(ml_app.screen.query_one("#chart-title", Static).render())
        assert "shares of the rows" in title


def test_past_the_limit_the_hidden_labels_are_not_counted_as_rows():
    labels = [f"l{i:03d}" for i in range(300)]
    text = str(BarChart(labels, [900 - i for i in range(300)], limit=200, rows=1000).render())
    assert "… 100 more labels; the 10 rarest:" in text
    assert "l000" in text and text.splitlines()[0].split()[-1] == "90.0%"
