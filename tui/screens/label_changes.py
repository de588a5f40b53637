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
from tui.screens.confusions import example_text, lines_gained, scrollbar_cells, show_group_example
from tui.screens.history_keys import HistoryKeys
from tui.view import AuditView, counted
from tui.widgets.filter_bar import quoted_value
from tui.widgets.example_line import MIN_EXAMPLE, ExampleLine
from tui.widgets.footer import Footer
from tui.widgets.row_table import RowTable

MEANS = ("likely missing", "likely wrong")
#: Cells that are not the change or the example: margins, Rows, Decided, Means and the padding
#: Textual puts around each of the five columns (as tui/screens/confusions.FIXED_CELLS).
FIXED_CELLS = 2 + len("Rows") + len("Decided") + len(MEANS[0]) + 5 * 2 + 1
#: Without Means and Example, Decided headed 'Done': where the example goes under the table (at 50
#: columns Means and Example were behind a sideways scroll; the line above says what + and - mean).
NARROW_CELLS = 2 + len("Rows") + len("Done") + 3 * 2 + 1
NAME_CELLS = 24  # a change's label is cut to this (or to the room a narrow table leaves)


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
        #: (the row screen, its filter_state) a pair moved above this one: escape goes back to it (app.leave_navigator)
        self.came_from: tuple[Screen, tuple[str, str, bool, int | None]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar", markup=False)
        yield Static("Label changes the model suggests · + likely missing, - likely wrong · "
                     "enter: the rows (then * and a)", id="confusion-mode", markup=False)
        yield RowTable(id="confusions", cursor_type="row", zebra_stripes=False)
        yield ExampleLine(id="example-line")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()  # decisions and thresholds may have changed since

    def fill(self) -> None:
        view, names = self.view, self.view.shown_names
        table = self.query_one("#confusions", RowTable)
        example_line = self.query_one("#example-line", ExampleLine)
        cursor = table.cursor_row
        self.changes = label_changes(view)
        longest = max((1 + cell_len(view.names.fit(names[change.label], NAME_CELLS)) for change in self.changes),
                      default=0)
        example_width = self.example_width(longest, scrollbar := scrollbar_cells(table, len(self.changes)))
        if gained := lines_gained(not example_width, example_line):  # the example line comes or goes
            example_width = self.example_width(longest, scrollbar := scrollbar_cells(table, len(self.changes), gained))
        narrow = not example_width  # the example under the table, not in a column
        name_cells = NAME_CELLS if not narrow else max(4, min(NAME_CELLS, self.narrow_room(scrollbar) - 1))
        if not table.set_columns("Rows", *(["Done", "Change"] if narrow else ["Decided", "Change", "Means", "Example"])):
            table.clear_rows()
        for index, change in enumerate(self.changes):
            name = f"{change.sign}{view.names.fit(names[change.label], name_cells)}"
            more = [] if narrow else [MEANS[0] if change.sign == "+" else MEANS[1],
                                      Text(example_text(view, change.rows, example_width))]
            table.add_row(f"{len(change.rows):,}", f"{self.book.decided_among(change.rows):,}", Text(name), *more,
                          key=str(index))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), scroll=False)
        self.refresh_bindings()
        example_line.display = narrow and bool(self.changes)
        self.show_example()
        flagged = int(view.flags["label"].sum()) if "label" in view.flags else 0
        self.query_one("#title-bar", Static).update(
            f"Label changes · {counted(flagged, 'label issue')} · {counted(len(self.changes), 'change')}")

    def example_width(self, change_cells: int, scrollbar: int = 0) -> int:
        """The example's cells, so that the table fits the terminal: at 80 columns its first 60
        made the table 104 wide, cut by the screen's edge mid-word behind a sideways scroll; on a
        wide terminal it takes all the room (it stopped at 60 cells, the rest of the line empty).
        0 where that is under MIN_EXAMPLE: the example goes under the table (ExampleLine)."""
        room = (self.size.width or self.app.size.width) - FIXED_CELLS - max(len("Change"), change_cells) - scrollbar
        return room if room >= MIN_EXAMPLE else 0

    def narrow_room(self, scrollbar: int) -> int:
        """The Change column's cells in a table without Means and Example."""
        return (self.size.width or self.app.size.width) - NARROW_CELLS - scrollbar

    def show_example(self) -> None:
        """The highlighted change's example under a narrow table (none shows in a column there)."""
        show_group_example(self, self.changes)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_example()

    def on_resize(self) -> None:
        if self.is_mounted and getattr(self, "changes", None):
            self.fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A list of no changes opens nothing: the footer does not offer it."""
        return not (action == "open" and not self.changes)

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
        self.app.leave_navigator(self)
