"""The confirmation of a decision on many marked rows: the count and the first rows, before -> after."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.bindings import BULK_BINDINGS

PREVIEW_ROWS = 8  # the first rows shown; the count says how many more


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


def preview_table(request: BulkRequest) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column("Row", justify="right", no_wrap=True, style="bold")
    table.add_column("Given → after", no_wrap=True, overflow="ellipsis", max_width=48)
    table.add_column("Text", no_wrap=True, overflow="ellipsis", ratio=1, min_width=12)
    for item in request.preview:
        change = Text(item.before)
        change.append(" → ")
        change.append(item.after, style="bold")
        table.add_row(f"{item.row:,}", change, Text(" ".join(item.text.split())))
    return table


class BulkDialog(ModalScreen[bool]):
    """Returns True when the user confirms (enter or y), False on escape or n."""

    BINDINGS = BULK_BINDINGS

    def __init__(self, request: BulkRequest) -> None:
        super().__init__()
        self.request = request

    def compose(self) -> ComposeResult:
        request = self.request
        with Vertical(id="bulk"):
            yield Label(request.title, classes="dialog-title", id="bulk-title")
            yield Static(preview_table(request), id="bulk-preview")
            more = request.count - len(request.preview)
            lines = [f"… and {more:,} more" if more > 0 else ""] + request.notes
            notes = "\n".join(line for line in lines if line)
            yield Static(notes, id="bulk-notes", classes="" if notes else "-empty")
            yield Static("one undo step (u) · enter/y confirms · esc/n cancels", id="bulk-hint")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
