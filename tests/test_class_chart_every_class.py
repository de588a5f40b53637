"""The summary's class chart draws every class of a 77-class dataset, and past its limit the rarest.

Seen in tmux on banking77 test: the chart ended at 30 classes with '… 47 more classes, 1,880
rows', and nothing in the app showed the other 47; sorted by count, the hidden ones are the
rarest, the ones an imbalance audit is about.
"""

from __future__ import annotations

from tui.widgets.charts import BarChart


def drawn(chart: BarChart) -> str:
    return str(chart.render())


def test_a_77_class_chart_draws_every_class():
    labels = [f"intent_{i:02d}" for i in range(77)]
    text = drawn(BarChart(labels, [200 - i for i in range(77)]))
    assert all(name in text for name in labels)
    assert "more class" not in text


def test_past_the_limit_the_rarest_classes_are_drawn_under_the_gap():
    from tui.widgets.charts import RAREST_SHOWN

    labels = [f"c{i:04d}" for i in range(1000)]
    chart = BarChart(labels, [5000 - i for i in range(1000)], limit=200)
    text = drawn(chart)
    assert "c0000" in text and "c0189" in text and "c0190" not in text
    assert "… 800 more classes, " in text and f"the {RAREST_SHOWN} rarest:" in text
    assert all(f"c{i:04d}" in text for i in range(990, 1000))
    assert len(text.splitlines()) == chart.get_content_height(None, None, 60) == 201
