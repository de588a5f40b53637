"""The confusion navigator: label issues grouped by class pair (given -> suggested), by given
class alone or by suggested class alone, biggest first, and a compact matrix of the top classes.

Enter opens exactly those rows on the label-issue screen (a filter ``given:X suggested:Y`` over
the flagged rows), where ``*`` then ``a`` fixes the whole pair in one step. In the matrix the
arrows move a cell cursor, and enter opens the cell's pair the same way; its cells count the
issues left to decide, the line under it says how many of the cell's are decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from engine.review import Confusion, confusion_matrix, confusion_pairs, confusions_by_given, confusions_by_suggested
from tui.bindings import CONFUSION_BINDINGS
from tui.decisions import DecisionBook
from tui.screens.history_keys import HistoryKeys
from tui.view import AuditView, counted
from tui.widgets.filter_bar import quoted_value
from tui.widgets.footer import Footer
from tui.widgets.parts_label import SEPARATOR, PartsLabel, packed
from tui.widgets.example_line import LINES, MIN_EXAMPLE, ExampleLine
from tui.widgets.row_table import RowTable

#: The groupings ``v`` cycles through, with their headings.
MODES = {
    "pairs": "Pairs given → suggested",
    "given": "By given class",
    "suggested": "By suggested class",
    "matrix": "Matrix: rows given, columns suggested",
}
#: What the matrix's cells count (its header's part after the mode): a cell said 7 with 6 of them decided (loop42).
MATRIX_LEGEND = "cells: left to decide (✓ all decided)"
MATRIX_CLASSES = 12  # at most this many classes in the matrix (fewer on a narrow terminal)
MATRIX_CELL = 5
MATRIX_KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the matrix's classes, rows and columns alike
GIVEN_HEADING, NAME_HEADING = "Given", "→ Suggested"  # the name columns' headings (the second the wider)
ANY = "(any)"  # the name cell of the class a by-given / by-suggested group does not fix
#: Cells of the table that are not names or the example: margins, the Rows and Decided columns,
#: and the padding Textual puts around each of the five columns.
FIXED_CELLS = 2 + len("Rows") + len("Decided") + 5 * 2 + 1
#: The same without the Example column, its Decided column headed 'Done' (as near-duplicates'):
#: where the example goes under the table (tui/widgets/example_line.py), at 50 columns.
NARROW_CELLS = 2 + len("Rows") + len("Done") + 4 * 2 + 1
#: Lines the example under a narrow table takes from it: its rule and its text (app.tcss #example-line).
EXAMPLE_LINE_HEIGHT = LINES + 1
#: The table's vertical scrollbar (Textual's default size): a list longer than the screen pushed
#: the table past its edge by these cells, and an empty sideways scrollbar took a line under it.
SCROLLBAR_CELLS = 2


def scrollbar_cells(table: DataTable, rows: int, gained: int = 0) -> int:
    """The cells ``table``'s vertical scrollbar takes with ``rows`` rows: none when they fit its
    height (under the header line) and the ``gained`` lines (fewer where negative: the example
    line comes under it); before its first layout, assume they do not."""
    height = table.size.height - 1
    return SCROLLBAR_CELLS if height <= 0 or rows > height + gained else 0


def lines_gained(narrow: bool, example_line: ExampleLine) -> int:
    """Lines a navigator's table gains once the example line under it comes (``narrow``) or goes."""
    return 0 if narrow == example_line.display else -EXAMPLE_LINE_HEIGHT if narrow else EXAMPLE_LINE_HEIGHT


def example_row(view: AuditView, rows: np.ndarray) -> int:
    """A group's Example: its lowest-scored row, the first its list opens on (by score, lowest
    first). The lowest row number was shown ('Live: Olympics day four' for AG News' World → Sports,
    whose list opened on 'At Last, Success on the Road for Lions', score 0.001)."""
    scores = view.scores.get("label")
    return int(rows[0] if scores is None else rows[int(np.argmin(scores[rows]))])


def show_group_example(screen: Screen, groups: Sequence[Any]) -> None:
    """The example of the highlighted line of a navigator's ``#confusions`` table under it, where the table is too
    narrow for an Example column: ``groups``, the table's lines in order, each with its ``rows`` (the confusion and
    label-change navigators)."""
    example_line = screen.query_one("#example-line", ExampleLine)
    index = screen.query_one("#confusions", DataTable).cursor_row
    if example_line.display and 0 <= index < len(groups):
        row = example_row(screen.view, groups[index].rows)
        example_line.show(f"Example · row {row:,}: ", str(screen.view.texts[row]))


def example_text(view: AuditView, rows: np.ndarray, width: int) -> str:
    """A group's Example cell: example_row's text on one line, cut with '…' to ``width`` cells."""
    example = " ".join(str(view.texts[example_row(view, rows)])[:width * 4].split())
    return set_cell_size(example, width - 1) + "…" if cell_len(example) > width else example


def filter_query(confusion: Confusion, class_names: list[str]) -> str:
    """The filter line that lists exactly ``confusion.rows`` among the flagged label rows."""
    parts = []
    if confusion.given is not None:
        parts.append(quoted_value("given", class_names[confusion.given]))
    if confusion.suggested is not None:
        parts.append(quoted_value("suggested", class_names[confusion.suggested]))
    return " ".join(parts)


def matrix_classes(counts: np.ndarray, limit: int) -> tuple[list[int], int]:
    """The ``limit`` classes in the most label issues (given or suggested), and how many are in one."""
    involvement = counts.sum(axis=0) + counts.sum(axis=1)
    top = [int(c) for c in np.argsort(-involvement, kind="stable")[:limit] if involvement[c] > 0]
    return top, int(np.count_nonzero(involvement))


def matrix_note(view: AuditView, flags: np.ndarray, limit: int) -> str:
    """What a cut matrix leaves out ('' when it shows every class in a label issue): banking77's
    38 pairs over 45 classes showed as a 10x10 grid that said nothing of the rest."""
    counts = confusion_matrix(view.given, view.predicted, flags, view.n_classes)
    top, involved = matrix_classes(counts, limit)
    if len(top) >= involved:
        return ""
    inside = int(counts[np.ix_(top, top)].sum())
    return (f" · the {len(top)} classes in the most label issues, of {involved:,}: {inside:,} of "
            f"{int(counts.sum()):,} issues (the pairs view lists every one)")


def matrix_table(view: AuditView, flags: np.ndarray, limit: int, width: int | None = None,
                 decided: np.ndarray | None = None, cursor: tuple[int, int] | None = None) -> Table:
    """Counts of flagged rows by given (rows) and suggested (columns) class, top ``limit`` classes; the
    names get what ``width`` cells leave them, 20 at least: at 120 columns banking77's were cut at 20
    ('balance_no…_transfer') beside 36 empty columns (ui38). With ``decided`` (a row has a decision) a
    cell counts the rows left to decide, '✓' where every one is decided: a cell said 7 of which 6 were
    decided (loop42, banking77 train). ``cursor``: the (given, suggested) cell drawn reversed."""
    counts = confusion_matrix(view.given, view.predicted, flags, view.n_classes)
    left = counts if decided is None else confusion_matrix(view.given, view.predicted, flags & ~decided,
                                                           view.n_classes)
    top, _ = matrix_classes(counts, limit)
    names = max(20, (width or 0) - 3 - len(top) * MATRIX_CELL)
    table = Table(box=None, padding=(0, 0), show_edge=False)
    table.add_column("given \\ suggested", no_wrap=True, max_width=names + 4)
    # classes keyed by letter: numbers read as label values ('1 Business' where label 1 is World)
    keys = MATRIX_KEYS[:len(top)]
    for key in keys:
        table.add_column(key, justify="right", width=MATRIX_CELL, no_wrap=True)
    for i, (key, given) in enumerate(zip(keys, top)):
        cells = []
        for j, suggested in enumerate(top):
            count, rest = counts[given, suggested], left[given, suggested]
            cell = Text(f"{rest:,}" if rest else "✓" if count else "·", style="bold" if rest else "dim")
            if cursor == (i, j):  # the whole cell reversed, not its digit alone (a 1-cell cursor)
                cell.pad_left(MATRIX_CELL - cell.cell_len)
                cell.stylize("reverse")
            cells.append(cell)
        table.add_row(Text(f"{key:>2} {view.names.fit(view.shown_names[given], names)}"), *cells)
    return table


class MatrixGrid(Static, can_focus=True):
    """The matrix (a Rich table drawn whole); focusable, so that the screen's arrow keys move its cell
    cursor (the hidden pairs table kept the focus and took them)."""


class ConfusionScreen(HistoryKeys, Screen):
    """Lists groups of label issues; Enter opens the group's rows on the label-issue screen."""

    BINDINGS = CONFUSION_BINDINGS
    HELP_FIRST = ("Confusions",)
    AUTO_FOCUS = "#confusions"

    def __init__(self, view: AuditView, book: DecisionBook) -> None:
        super().__init__()
        self.view = view
        self.book = book
        self.mode = "pairs"
        self.groups: list[Confusion] = []
        #: The matrix's cell cursor, (row, column) among ``matrix_top``; None until the matrix first shows.
        self.cell: tuple[int, int] | None = None
        self.matrix_top: list[int] = []  # the matrix's classes, rows and columns alike
        #: (the row screen, its filter_state) a pair moved above this one: escape goes back to it (app.leave_navigator)
        self.came_from: tuple[Screen, tuple[str, str, bool, int | None]] | None = None
        self.title = "Confusions"

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar", markup=False)
        yield PartsLabel([], id="confusion-mode")  # breaks between its parts ('(then *' / 'and a)' at 60)
        yield RowTable(id="confusions", cursor_type="row", zebra_stripes=False)
        yield MatrixGrid(id="confusion-matrix", markup=False)
        yield ExampleLine(id="example-line")  # under the matrix too: its cell's pair, counts and example
        yield Footer(compact=True)

    @property
    def decided(self) -> np.ndarray:
        """Rows with a decision (of the dataset's rows)."""
        return self.book.codes[:len(self.view)] != 0

    @property
    def flags(self) -> np.ndarray:
        flags = self.view.flags.get("label")
        return flags if flags is not None else np.zeros(len(self.view), dtype=bool)

    def on_mount(self) -> None:
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()  # decisions and thresholds may have changed since

    def grouped(self) -> list[Confusion]:
        view, flags = self.view, self.flags
        if self.mode == "given":
            return confusions_by_given(view.given, flags)
        if self.mode == "suggested":
            return confusions_by_suggested(view.predicted, flags)
        return confusion_pairs(view.given, view.predicted, flags)

    def fill(self) -> None:
        view, names = self.view, self.view.shown_names
        table = self.query_one("#confusions", RowTable)
        matrix = self.query_one("#confusion-matrix", Static)
        example_line = self.query_one("#example-line", ExampleLine)
        cursor = table.cursor_row
        self.groups = self.grouped()
        drawn = [names[c] for group in self.groups for c in (group.given, group.suggested) if c is not None]
        longest = max((cell_len(name) for name in drawn), default=0)
        name_width, example_width = self.widths(longest, scrollbar_cells(table, len(self.groups)))
        if gained := lines_gained(not example_width, example_line):  # the example line comes or goes
            name_width, example_width = self.widths(longest, scrollbar_cells(table, len(self.groups), gained))
        narrow = not example_width  # the example under the table, not in a column
        if not table.set_columns("Rows", "Done" if narrow else "Decided", GIVEN_HEADING, NAME_HEADING,
                                 *([] if narrow else ["Example"])):
            table.clear_rows()
        for index, group in enumerate(self.groups):
            given = names[group.given] if group.given is not None else ANY
            suggested = names[group.suggested] if group.suggested is not None else ANY
            if group.given is not None and group.given == group.suggested:  # flagged, the model agreeing: '=' as the
                suggested = "="  # row lists and the pane's 'none (the model agrees)' say; 'X → X' read as a pair
            # names and texts as Text: a str cell is parsed as markup ('[/]' in a text crashed the screen)
            example = [] if narrow else [Text(example_text(view, group.rows, example_width))]
            table.add_row(f"{group.count:,}", f"{self.book.decided_among(group.rows):,}",
                          Text(view.names.fit(given, name_width)), Text(view.names.fit(suggested, name_width)),
                          *example, key=str(index))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), scroll=False)
        showing_matrix = self.mode == "matrix"
        table.display = not showing_matrix
        matrix.display = showing_matrix
        example_line.display = (narrow or showing_matrix) and bool(self.groups)
        cut = ""
        if showing_matrix:
            limit = max(2, min(MATRIX_CLASSES, (self.size.width - 26) // MATRIX_CELL))
            self.matrix_top = matrix_classes(confusion_matrix(view.given, view.predicted, self.flags,
                                                              view.n_classes), limit)[0]
            self.place_cell()
            self.draw_matrix()
            cut = matrix_note(view, self.flags, limit)
            matrix.focus()
        else:
            table.focus()
        flagged = int(self.flags.sum())
        self.query_one("#title-bar", Static).update(
            f"Confusions · {counted(flagged, 'label issue')} · {counted(len(self.groups), 'group')}")
        parts = [MODES[self.mode], "v: next view"]
        parts += ([MATRIX_LEGEND, "arrows, enter: a cell's rows"] + ([cut.removeprefix(SEPARATOR)] if cut else [])
                  if showing_matrix else ["enter: the rows (then * and a)"])
        if not self.groups:  # an empty table under a header said nothing (b77 slice, labels shuffled)
            parts = [MODES[self.mode], "no label issues to group (t on the label screen moves its threshold)"]
        mode = self.query_one("#confusion-mode", PartsLabel)
        mode.parts = parts
        header = packed(parts, mode.content_region.width)
        mode.update(header)
        if showing_matrix and example_line.display:  # the line under the matrix only where the matrix keeps its
            # lines: at 40x12 it and the header left none of them (the title bar and the footer: 2 lines)
            room = (self.size.height or self.app.size.height) - 2 - (header.count("\n") + 1) - len(self.matrix_top) - 1
            example_line.display = room >= EXAMPLE_LINE_HEIGHT
        self.show_example()
        self.refresh_bindings()

    def show_example(self) -> None:
        """The highlighted group's example under a narrow table (none shows in a column there); in
        the matrix, the cursor cell's pair, its counts and example."""
        if self.mode != "matrix":
            show_group_example(self, self.groups)
            return
        example_line = self.query_one("#example-line", ExampleLine)
        pair = self.cell_pair()
        if not example_line.display or pair is None:
            return
        names, rows = self.view.shown_names, pair.rows
        name = f"{names[pair.given]} → {'=' if pair.given == pair.suggested else names[pair.suggested]}"
        if not len(rows):
            example_line.show(f"{name}: ", "no label issue")  # no text: the line drew '∅ (empty text)' after it
            return
        done = self.book.decided_among(rows)
        counts = counted(len(rows), "label issue")
        if done:
            counts = f"{counts}, all decided" if done == len(rows) else f"{len(rows) - done:,} left of {counts}, {done:,} decided"
        undecided = rows[self.book.codes[rows] == 0]  # a row left to decide (one decided was shown)
        row = example_row(self.view, undecided if len(undecided) else rows)
        example_line.show(f"{name}: {counts} · enter: the rows · row {row:,}: ", str(self.view.texts[row]))

    def place_cell(self) -> None:
        """The cursor on the matrix as it is drawn now: on the first cell with issues left to decide
        the first time (else the first with issues), kept (within the classes shown) after."""
        size = len(self.matrix_top)
        if not size:
            self.cell = None
            return
        if self.cell is None:
            top = np.asarray(self.matrix_top)
            view, flags = self.view, self.flags
            for rows in (flags & ~self.decided, flags):
                counts = confusion_matrix(view.given, view.predicted, rows, view.n_classes)[np.ix_(top, top)]
                if counts.any():
                    i, j = np.argwhere(counts > 0)[0]
                    self.cell = (int(i), int(j))
                    return
            self.cell = (0, 0)
            return
        self.cell = (min(self.cell[0], size - 1), min(self.cell[1], size - 1))

    def draw_matrix(self) -> None:
        """The matrix with the cursor cell reversed, scrolled so that the cell's line shows."""
        matrix = self.query_one("#confusion-matrix", MatrixGrid)
        limit = len(self.matrix_top)
        matrix.update(matrix_table(self.view, self.flags, max(2, limit), self.size.width - 4,  # padding, scroll bar
                                   decided=self.decided, cursor=self.cell))
        if self.cell is not None:
            matrix.scroll_to_region(Region(0, self.cell[0] + 1, 1, 1), animate=False)  # under the header line

    def cell_pair(self) -> Confusion | None:
        """The cursor cell's given -> suggested class pair and its flagged rows (none: an empty cell)."""
        if self.cell is None or not self.matrix_top:
            return None
        given, suggested = (self.matrix_top[i] for i in self.cell)
        view = self.view
        rows = np.flatnonzero(self.flags & (view.given == given) & (view.predicted == suggested))
        return Confusion(given, suggested, rows.astype(np.int64))

    def action_cell(self, down: int, right: int) -> None:
        """Move the matrix's cell cursor (arrows)."""
        if self.cell is None:
            return
        last = len(self.matrix_top) - 1
        self.cell = (min(max(self.cell[0] + down, 0), last), min(max(self.cell[1] + right, 0), last))
        self.draw_matrix()
        self.show_example()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_example()

    def widths(self, longest: int = 24, scrollbar: int = 0) -> tuple[int, int]:
        """Class name and example widths that fit the table in the terminal: at 80 columns the
        names took 24 cells each and the example was cut to its first 8 behind a sideways scroll.
        Names as wide as the ``longest`` shown need: the demo's 14-cell names left 4 of their 18
        cells empty while the example was cut at 20. The example takes all the room left: it
        stopped at 60 cells at 177 columns, cut with '…' beside 80 empty ones. Each name takes up to a
        third of the room: capped at 24 cells, banking77's names were cut ('balance_not_…nk_transfer')
        beside a 127-cell example at 200 columns.
        By given (or suggested) class, the other name column holds only '(any)' under its heading:
        sized as a name, it left 7 to 13 cells empty beside an example cut with '…' (banking77 test,
        80 columns)."""
        room = (self.size.width or self.app.size.width) - FIXED_CELLS - scrollbar
        name_width = min(max(12, room // 3), max(len(NAME_HEADING), longest))
        fixed = {"given": len(NAME_HEADING), "suggested": len(GIVEN_HEADING)}.get(self.mode)
        other = name_width if fixed is None else max(fixed, len(ANY))
        if room - name_width - other >= MIN_EXAMPLE:
            return name_width, room - name_width - other
        # Narrower, an Example column of 12 cells showed 6 at 50 columns, the rest behind a
        # sideways scroll (walk32): the table drops it (example 0: under the table) and the names
        # take its room ('refund_request' whole at 50 columns, where it was 'refund…quest').
        room = (self.size.width or self.app.size.width) - NARROW_CELLS - scrollbar
        fits = room // 2 if fixed is None else room - max(fixed, len(ANY))
        return max(4, min(max(len(NAME_HEADING), longest), fits)), 0

    def on_resize(self) -> None:
        if self.is_mounted and self.groups:
            self.fill()

    def action_cycle(self) -> None:
        modes = list(MODES)
        self.mode = modes[(modes.index(self.mode) + 1) % len(modes)]
        self.fill()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A list of no groups opens nothing: its footer offered '⏎ Open' and enter did nothing. In
        the matrix enter opens the cursor cell's pair (it did nothing there: loop42), and the arrows
        move that cursor (elsewhere they are the table's)."""
        if action == "cell":
            return self.mode == "matrix" and self.cell is not None
        return not (action == "open" and not self.groups)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_group(int(event.row_key.value))

    def action_open(self) -> None:
        if self.mode == "matrix":
            self.open_cell()
            return
        table = self.query_one("#confusions", DataTable)
        if table.row_count:
            self.open_group(table.cursor_row)

    def open_group(self, index: int) -> None:
        if 0 <= index < len(self.groups):
            self.open_confusion(self.groups[index])

    def open_cell(self) -> None:
        """Enter in the matrix: the cursor cell's pair, as the pairs view opens it."""
        pair = self.cell_pair()
        if pair is None:
            return
        if not len(pair.rows):
            names = self.view.shown_names
            self.notify(f"no label issue is given {names[pair.given]} with the suggestion {names[pair.suggested]}: "
                        "the arrows move to a cell with a count", timeout=4)
            return
        self.open_confusion(pair)

    def open_confusion(self, confusion: Confusion) -> None:
        """List exactly ``confusion``'s rows on the label-issue screen (a filter over its flagged rows)."""
        self.app.open_filtered("label", filter_query(confusion, self.view.class_names))

    def action_back(self) -> None:
        self.app.leave_navigator(self)
