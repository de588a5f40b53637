"""The threshold dialog (``t``): move the flag threshold of a check over its cached scores.

Left/right move it by one row, up/down by a tenth of the default count, ``0`` goes back to the
audit's default, tab goes to the next check; enter applies (lists, counts and the summary follow
at once), escape leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import DIALOG_PALETTE, THRESHOLD_BINDINGS
from tui.thresholds import Thresholds
from tui.view import ISSUE_TITLES, counted
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel, packed
from tui.widgets.score_histogram import HEIGHT, histogram_text

#: Below this many rows (40x12) the dialog drops its margins and hint and draws 2 lines of bars:
#: the count the threshold flags ('score ≤ 0.025: 11 rows flagged') was cut off below the axis.
SHORT_ROWS = 16
SHORT_BARS = 2


@dataclass(frozen=True)
class ThresholdChoice:
    issue_type: str
    count: int  # flag the ``count`` lowest-scored rows


class ThresholdDialog(ModalScreen[ThresholdChoice | None]):
    """Returns the check and its new count of flagged rows, or None on escape."""

    BINDINGS = [*THRESHOLD_BINDINGS, DIALOG_PALETTE]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_ROWS, "-tall")]

    def __init__(self, thresholds: Thresholds, issue_type: str) -> None:
        super().__init__()
        self.thresholds = thresholds
        self.issue_type = issue_type if issue_type in thresholds.types else thresholds.types[0]
        self.count = int(thresholds.view.counts.get(self.issue_type, 0))

    def compose(self) -> ComposeResult:
        with Vertical(id="threshold"):
            # parts that break between them, never inside ('enter' / 'applies' at 50 and 60 columns)
            yield PartsLabel(self.title_parts(), id="threshold-title", classes="dialog-title")
            yield Static(id="threshold-histogram", markup=False)
            yield Static(id="threshold-summary", markup=False)
            yield PartsLabel(["←→ one row", "↑↓ a tenth", "0 default", "tab next check"], id="threshold-hint")
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def title_parts(self) -> list[str]:
        return ["Flag threshold", ISSUE_TITLES.get(self.issue_type, self.issue_type), "enter applies", "esc cancels"]

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    @property
    def threshold(self) -> float | None:
        return self.thresholds.threshold_for_count(self.issue_type, self.count)

    def redraw(self) -> None:
        t, kind = self.thresholds, self.issue_type
        default = t.default[kind]
        width = max(10, self.query_one("#threshold-histogram").content_region.width or 60)
        title = self.query_one("#threshold-title", PartsLabel)
        title.parts = self.title_parts()
        title.update(packed(title.parts, title.content_region.width))
        self.query_one("#threshold-histogram", Static).update(
            histogram_text(t.index(kind).sorted_scores, default, self.threshold, width,
                           bars=HEIGHT if self.size.height >= SHORT_ROWS else SHORT_BARS))
        now = "none" if self.threshold is None else f"{self.threshold:.4g}"
        base = "none" if default is None else f"{default:.4g}"
        parts = [f"score ≤ {now}: {counted(self.count, 'row')} flagged",
                 f"▲ audit default {base}: {counted(t.default_count(kind), 'row')}"]
        if not t.cut[kind]:  # the audit's flags are a verdict of their own, not "score <= default"
            verdict = f"audit default: {counted(t.default_count(kind), 'row')}, its own verdict, not a score cut"
            parts = ([verdict, f"▲ its highest score {base}"] if self.count == t.default_count(kind) else
                     [f"score ≤ {now}: " + ("the lowest-scored row" if self.count == 1 else
                                                     f"the {self.count:,} lowest-scored rows") + " (0 goes back)",
                      verdict])
        summary = "  ·  ".join(parts)
        if cell_len(summary) > width:  # a part a line: at 80 columns 'rows' wrapped onto a line of its own
            summary = "\n".join(parts)
        if kind == "label" and t.view.multilabel is not None:  # what the score means for label sets
            summary += ("\nlabel sets: a row's score is its weakest label's agreement with the model; "
                        "rows scoring 0.5 or more have no suggested change")
        self.query_one("#threshold-summary", Static).update(summary)

    def step(self, rows: int) -> None:
        finite = len(self.thresholds.index(self.issue_type).sorted_scores)
        self.count = max(0, min(finite, self.count + rows))
        self.redraw()

    def action_step(self, direction: int) -> None:
        self.step(direction)

    def action_step_tenth(self, direction: int) -> None:
        self.step(direction * max(1, self.thresholds.default_count(self.issue_type) // 10))

    def action_default(self) -> None:
        self.count = self.thresholds.default_count(self.issue_type)
        self.redraw()

    def action_next_type(self) -> None:
        types = self.thresholds.types
        self.issue_type = types[(types.index(self.issue_type) + 1) % len(types)]
        self.count = int(self.thresholds.view.counts.get(self.issue_type, 0))
        self.redraw()

    def action_apply(self) -> None:
        self.dismiss(ThresholdChoice(self.issue_type, self.count))

    def action_cancel(self) -> None:
        self.dismiss(None)
