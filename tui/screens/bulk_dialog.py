"""The confirmation of a decision on many marked rows: the count and the first rows, before -> after."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import BULK_BINDINGS, DIALOG_PALETTE
from tui.names import cut_middle
from tui.view import list_cell
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel

PREVIEW_ROWS = 8  # the first rows shown; the count says how many more
CHANGE_WIDTH = 48  # the "Given → after" column at most


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


def preview_table(request: BulkRequest) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column("Row", justify="right", no_wrap=True, style="bold")
    table.add_column("Given → after", no_wrap=True, overflow="ellipsis", max_width=CHANGE_WIDTH)
    table.add_column("Text", no_wrap=True, overflow="ellipsis", ratio=1, min_width=12)
    for item in request.preview:
        before, after = fit_change(item.before, item.after)
        change = Text(before)
        change.append(" → ")
        change.append(after, style="bold")
        table.add_row(f"{item.row:,}", change, Text(list_cell(item.text)))
    return table


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
            yield Static(preview_table(request), id="bulk-preview", markup=False)
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
