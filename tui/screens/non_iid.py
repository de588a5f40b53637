"""Non-IID: is the row order random? The p-value, what the labels' order shows, plots by position."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from engine.label_order import LabelOrder
from engine.order_words import NONE, not_random, order_evidence
from tui.bindings import SINGLE_VIEW_BINDINGS
from tui.label_order import appearance_legend, first_appearance_ranks
from tui.screens.history_keys import HistoryKeys
from tui.view import AuditView
from tui.widgets.charts import PositionPlot
from tui.widgets.footer import Footer
from tui.widgets.parts_label import SEPARATOR, PartsLabel


def p_value_line(p_value: float | None, z: float | None = None, order: LabelOrder | None = None,
                 length_drift: bool = False) -> str:
    """Datalab's verdict on the order of the texts (the label order is explained below it: where the
    labels run together, 'consistent with a random order' above them read as the screen's verdict)."""
    if p_value is None:
        return "Datalab's non-IID check did not run."
    labels_not_random = order is not None and order.not_random
    verdict = (f"{not_random(p_value, z)}: shuffle before splitting" if order_evidence(p_value, z) != NONE
               else "consistent with a random order as far as the texts go, but not the labels (below)"
               if labels_not_random else "consistent with a random order as far as the texts' neighbours go, "
               "but not the texts' length (below)" if length_drift else "consistent with a random order")
    return f"Datalab's non-IID check on the texts: p = {p_value:.3g} → the row order is {verdict}."


class NonIidScreen(HistoryKeys, Screen):
    """Dataset-level: no per-row decisions here."""

    BINDINGS = SINGLE_VIEW_BINDINGS
    AUTO_FOCUS = "#non-iid"

    def __init__(self, view: AuditView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        order = view.label_order
        yield Static("Non-IID · is the row order random?", id="title-bar", markup=False)
        with VerticalScroll(id="non-iid"):
            drift = view.length_drift
            yield Static(p_value_line(view.p_value, view.p_z, order, drift is not None), id="non-iid-verdict",
                         markup=False)
            if drift is not None:  # the note, here too: only the summary and the report listed it
                yield Static(drift[:1].upper() + drift[1:] + ".", id="non-iid-length", markup=False)
            yield Static(order.sentence(view.p_value, view.p_z), id="non-iid-why", markup=False)
            # classes numbered by first appearance: grouped labels climb as a staircase whatever
            # the classes' names or the blocks' order; a random order stays flat
            # numbered from 1 on a plot from 0: the first class drew as blank columns at 0
            title = ("Label sets by position, sets numbered from 1 as they appear (steps = grouped)" if order.sets
                     else "Labels by position, classes numbered from 1 as they appear (steps = grouped)")
            # the axis in the legend's numbers: the bottom line is the first class's (its bars fill it),
            # the top the last's; it read '0' there, a class the legend does not have (ui24, ui25)
            classes = max(1, order.n_classes)
            yield PositionPlot(first_appearance_ranks(view.label_keys()) + 1, title, low=0, high=classes,
                               axis=(str(classes), "1"), id="label-plot")
            if not order.sets:
                # packed at its ' · ': at 80 columns a wrap by words left '4 =' at a line's end and its class,
                # close_account, on the next (walk39)
                yield PartsLabel(appearance_legend(view.given, view.shown_names).split(SEPARATOR),
                                 id="label-plot-legend")
            if "non_iid" in view.scores:
                yield PositionPlot(view.scores["non_iid"], "non_iid_score by row position (low = unusual neighbourhood)",
                                   low=0, high=1, id="score-plot")
        yield Footer()

    def action_back(self) -> None:
        self.app.pop_screen()
