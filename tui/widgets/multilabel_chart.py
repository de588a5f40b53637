"""The summary's chart for multi-label data: label frequencies and the most frequent label pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from tui.widgets.charts import BarChart

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from tui.view import AuditView

PAIRS_SHOWN = 8


def multilabel_chart(view: AuditView) -> ComposeResult:
    """The widgets that stand where the class chart stands for single-label data."""
    ml = view.multilabel
    counts = ml.label_counts()
    sizes = [len(s) for s in ml.sets]
    yield Static(f"Label frequencies ({view.n_classes:,} labels, {sum(sizes) / max(1, len(sizes)):.2f} per row, "
                 f"{ml.empty_sets():,} rows with no label; shares of the rows)", classes="section", id="chart-title",
                 markup=False)
    yield BarChart(view.class_names, counts.tolist(), rows=len(sizes), id="class-chart")
    pairs = ml.cooccurrence(PAIRS_SHOWN)
    lines = [f"  {a} + {b}: {n:,}" for a, b, n in pairs] or ["  no row carries two labels"]
    yield Static("Labels seen together (most frequent pairs):\n" + "\n".join(lines), id="cooccurrence", markup=False)
