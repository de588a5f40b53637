"""Non-IID: is the row order random? The p-value, a plain verdict and plots over position."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.screens.summary import non_iid_verdict
from tui.view import AuditView
from tui.widgets.charts import PositionPlot


def order_explanation(view: AuditView, bins: int = 20) -> str:
    """Why the order looks non-random: e.g. each block of rows holds mostly one class."""
    if len(view) < bins * 2:
        return ""
    which = (np.arange(len(view)) * bins) // len(view)
    purity = []
    for b in range(bins):
        labels = view.given[which == b]
        purity.append(np.bincount(labels).max() / len(labels))
    overall = np.bincount(view.given).max() / len(view)
    mean_purity = float(np.mean(purity))
    if mean_purity > max(0.6, overall * 1.5):
        return (f"Each 1/{bins} of the file is on average {mean_purity:.0%} one class (the most common class is "
                f"{overall:.0%} overall): the rows look sorted or grouped by label.")
    return (f"Blocks of the file are on average {mean_purity:.0%} one class (overall {overall:.0%}); "
            "the dependence is in the texts' neighbourhoods rather than a plain label sort.")


class NonIidScreen(Screen):
    """Dataset-level: no per-row decisions here."""

    BINDINGS = [Binding("escape,q", "back", "Back")]

    def __init__(self, view: AuditView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static("Non-IID · is the row order random?", id="title-bar")
        with VerticalScroll(id="non-iid"):
            yield Static(non_iid_verdict(view.p_value), id="non-iid-verdict")
            if text := order_explanation(view):
                yield Static(text, id="non-iid-why")
            yield PositionPlot(view.given.astype(float), "Given label index by row position (mean per bin)",
                               low=0, high=max(1, view.n_classes - 1), id="label-plot")
            if "non_iid" in view.scores:
                yield PositionPlot(view.scores["non_iid"], "non_iid_score by row position (low = unusual neighbourhood)",
                                   low=0, high=1, id="score-plot")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#non-iid").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
