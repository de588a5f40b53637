"""A DataTable of rows (the summary's issue table, the confusion navigators, the re-audit's table)
whose Home and End go to the first and last row, as they do in every row list of the app."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class RowTable(DataTable):
    """Textual's DataTable binds Home/End to a sideways scroll, which in a row-cursor table that
    fits its width did nothing at all; ctrl+home / ctrl+end (the same actions) still work."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def clear_rows(self) -> None:
        """Clear the rows and let each column narrow to what the next rows need: DataTable.clear
        keeps a column as wide as its widest cell ever, so after the terminal shrank a navigator
        stayed as wide as before, behind an empty sideways scrollbar."""
        self.clear()
        for column in self.columns.values():
            column.content_width = cell_len(column.label.plain)

    def set_columns(self, *labels: str) -> bool:
        """Make the columns ``labels`` (rows and all cleared where they change); True if they changed.
        A navigator drops its Example column on a narrow terminal (tui/widgets/example_line.py)."""
        if [column.label.plain for column in self.ordered_columns] == list(labels):
            return False
        self.clear(columns=True)
        self.add_columns(*labels)
        return True

    def add_row(self, *cells: Any, **options: Any) -> RowKey:
        """Widen the columns to the row's cells at once, not on the next idle: after clear_rows a
        frame drawn before that idle cut every column to its title ('card_' for card_lost), and
        the DataTable kept those lines cached once the widths came back."""
        for column, cell in zip(self.ordered_columns, cells):
            shown = cell.plain if isinstance(cell, Text) else str(cell)
            column.content_width = max(column.content_width, max(map(cell_len, shown.splitlines() or [""])))
        return super().add_row(*cells, **options)
