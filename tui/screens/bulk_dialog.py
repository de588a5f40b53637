"""The confirmation of a decision on many marked rows: the count and the first rows, before -> after."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import BULK_BINDINGS, DIALOG_PALETTE
from tui.names import cut_middle
from tui.terminal_text import list_cell
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel

PREVIEW_ROWS = 8  # the first rows shown; the count says how many more
CHANGE_WIDTH = 48  # the "Given → after" column at most
CHANGE_LEAST = 32  # a long change gives cells to the Text column down to this
TEXT_WIDTH = 12  # the fewest cells of the Text column; with less room the preview leaves it out


@dataclass(frozen=True)
class PreviewRow:
    row: int
    text: str
    before: str
    after: str


@dataclass
class BulkRequest:
    """What the dialog asks about: a title, the number of decisions, a preview, notes."""

    title: str
    count: int
    preview: list[PreviewRow]
    notes: list[str] = field(default_factory=list)


def fit_change(before: str, after: str, width: int = CHANGE_WIDTH) -> tuple[str, str]:
    """Both sides of ``before → after`` in ``width`` cells, long names cut in the middle: cutting
    the end hid the after side ('xxxx…' instead of 'xx…xx → ✗ excluded')."""
    room = width - 3
    if cell_len(before) + cell_len(after) <= room:
        return before, after
    after_width = min(cell_len(after), max(room // 2, room - cell_len(before)))
    return cut_middle(before, room - after_width), cut_middle(after, after_width)


def preview_table(request: BulkRequest, width: int | None = None) -> Table:
    """The preview in ``width`` cells (None: room for everything): the row numbers whole, each change
    cut in its middle to the room beside them (fit_change), the Text column in what is left, or
    left out under TEXT_WIDTH cells. walk33: in a 50-column terminal the dialog's 41 cells drew
    '1…' for row 1,752 and cut 'declined_transfer → a very long new class name (new)' at its end;
    rich shrinks the one column it may (the row number) and crops the others at the edge."""
    rows = [f"{item.row:,}" for item in request.preview]
    row_width = max([cell_len("Row"), *(cell_len(r) for r in rows)])
    change_width = CHANGE_WIDTH
    text = True
    if width is not None:
        room = width - row_width - 4  # a cell each side of the table, two between its columns
        changes = [cell_len(item.before) + cell_len(item.after) + 3 for item in request.preview]
        change_width = max(8, min(CHANGE_WIDTH, max(changes, default=0), room))
        if room - change_width - 2 < TEXT_WIDTH:  # the text first takes from a long change, to CHANGE_LEAST
            change_width = max(min(change_width, CHANGE_LEAST), room - 2 - TEXT_WIDTH)
        text = room - change_width - 2 >= TEXT_WIDTH
        if not text:
            change_width = max(8, min(CHANGE_WIDTH, max(changes, default=0), room))
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column("Row", justify="right", no_wrap=True, style="bold", min_width=row_width)
    table.add_column("Given → after", no_wrap=True, overflow="ellipsis", max_width=change_width)
    if text:
        table.add_column("Text", no_wrap=True, overflow="ellipsis", ratio=1, min_width=TEXT_WIDTH)
    for row, item in zip(rows, request.preview):
        before, after = fit_change(item.before, item.after, change_width)
        change = Text(before)
        change.append(" → ")
        change.append(after, style="bold")
        table.add_row(row, change, *([Text(list_cell(item.text))] if text else []))
    return table


class PreviewTable:
    """preview_table at the width the widget draws it in."""

    def __init__(self, request: BulkRequest) -> None:
        self.request = request

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield preview_table(self.request, options.max_width)


class BulkDialog(ModalScreen[bool]):
    """Returns True when the user confirms (enter or y), False on escape or n."""

    BINDINGS = [*BULK_BINDINGS, DIALOG_PALETTE]

    def __init__(self, request: BulkRequest) -> None:
        super().__init__()
        self.request = request

    def compose(self) -> ComposeResult:
        request = self.request
        with Vertical(id="bulk"):
            yield PartsLabel([request.title, "enter/y confirms", "esc/n cancels"], classes="dialog-title",
                             id="bulk-title")  # the keys on top: a short terminal cuts the hint off
            yield Static(PreviewTable(request), id="bulk-preview", markup=False)
            more = request.count - len(request.preview)
            lines = [f"… and {more:,} more" if more > 0 else ""] + request.notes
            notes = "\n".join(line for line in lines if line)
            yield Static(notes, id="bulk-notes", classes="" if notes else "-empty", markup=False)
            yield Static("one undo step (u)", id="bulk-hint", markup=False)
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
