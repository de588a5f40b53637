"""The label-change navigator (``C`` on multi-label data): the confusion navigator's counterpart
for label sets, where a suggestion is a set change rather than one class for another.

One line per label change among the flagged label issues: ``+X`` (X likely missing) and ``-X``
(X likely wrong), most rows first. A row whose suggestion adds one label and drops another counts
under both. Enter lists exactly those rows on the label-issue screen (the filter ``s:+X`` or
``s:-X``), where ``*`` then ``a`` accepts each row's own suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.bindings import LABEL_CHANGE_BINDINGS
from tui.decisions import DecisionBook
from tui.screens.confusions import example_text, scrollbar_cells
from tui.screens.history_keys import HistoryKeys
from tui.view import AuditView, counted
from tui.widgets.filter_bar import quoted_value
from tui.widgets.footer import Footer
from tui.widgets.row_table import RowTable

MEANS = ("likely missing", "likely wrong")
#: Cells that are not the change or the example: margins, Rows, Decided, Means and the padding
#: Textual puts around each of the five columns (as tui/screens/confusions.FIXED_CELLS).
FIXED_CELLS = 2 + len("Rows") + len("Decided") + len(MEANS[0]) + 5 * 2 + 1


@dataclass(frozen=True)
class LabelChange:
    """The flagged rows whose suggestion adds (``sign`` "+") or drops ("-") ``label``."""

    sign: str
    label: int
    rows: np.ndarray  # ascending row indices

    def query(self, names: list[str]) -> str:
        """The filter line that lists exactly ``rows`` among the flagged label rows."""
        return quoted_value("s", f"{self.sign}{names[self.label]}")


def label_changes(view: AuditView) -> list[LabelChange]:
    """Every label change among the flagged label rows, most rows first (then + before -, label order)."""
    ml = view.multilabel
    flags = view.flags.get("label")
    if ml is None or flags is None:
        return []
    found: dict[tuple[str, int], list[int]] = {}
    for row in np.flatnonzero(flags).tolist():
        for label in ml.missing[row]:
            found.setdefault(("+", label), []).append(row)
        for label in ml.extra[row]:
            found.setdefault(("-", label), []).append(row)
    changes = [LabelChange(sign, label, np.asarray(rows, dtype=np.int64)) for (sign, label), rows in found.items()]
    return sorted(changes, key=lambda c: (-len(c.rows), c.sign != "+", c.label))


class LabelChangeScreen(HistoryKeys, Screen):
    """Lists label changes; Enter opens the change's rows on the label-issue screen."""

    BINDINGS = LABEL_CHANGE_BINDINGS
    AUTO_FOCUS = "#confusions"

    def __init__(self, view: AuditView, book: DecisionBook) -> None:
        super().__init__()
        self.view = view
        self.book = book
        self.changes: list[LabelChange] = []

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar", markup=False)
        yield Static("Label changes the model suggests · + likely missing, - likely wrong · "
                     "enter: the rows (then * and a)", id="confusion-mode", markup=False)
        yield RowTable(id="confusions", cursor_type="row", zebra_stripes=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#confusions", DataTable).add_columns("Rows", "Decided", "Change", "Means", "Example")
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()  # decisions and thresholds may have changed since

    def fill(self) -> None:
        view, names = self.view, self.view.shown_names
        table = self.query_one("#confusions", RowTable)
        cursor = table.cursor_row
        self.changes = label_changes(view)
        table.clear_rows()
        shown = [f"{change.sign}{view.names.fit(names[change.label], 24)}" for change in self.changes]
        example_width = self.example_width(max((cell_len(name) for name in shown), default=0),
                                           scrollbar_cells(table, len(self.changes)))
        for index, (change, name) in enumerate(zip(self.changes, shown)):
            means = MEANS[0] if change.sign == "+" else MEANS[1]
            example = example_text(view, change.rows, example_width)
            table.add_row(f"{len(change.rows):,}", f"{self.book.decided_among(change.rows):,}",
                          Text(name), means, Text(example), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), scroll=False)
        flagged = int(view.flags["label"].sum()) if "label" in view.flags else 0
        self.query_one("#title-bar", Static).update(
            f"Label changes · {counted(flagged, 'label issue')} · {counted(len(self.changes), 'change')}")

    def example_width(self, change_cells: int, scrollbar: int = 0) -> int:
        """The example's cells, so that the table fits the terminal: at 80 columns its first 60
        made the table 104 wide, cut by the screen's edge mid-word behind a sideways scroll; on a
        wide terminal it takes all the room (it stopped at 60 cells, the rest of the line empty)."""
        room = (self.size.width or self.app.size.width) - FIXED_CELLS - max(len("Change"), change_cells) - scrollbar
        return max(12, room)

    def on_resize(self) -> None:
        if self.is_mounted and getattr(self, "changes", None):
            self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_change(int(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one("#confusions", DataTable)
        if table.row_count:
            self.open_change(table.cursor_row)

    def open_change(self, index: int) -> None:
        if 0 <= index < len(self.changes):
            self.app.open_filtered("label", self.changes[index].query(self.view.class_names))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
