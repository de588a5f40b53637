"""A DataTable of rows (the summary's issue table, the confusion navigators, the re-audit's table)
whose Home and End go to the first and last row, as they do in every row list of the app."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """Textual's DataTable binds Home/End to a sideways scroll, which in a row-cursor table that
    fits its width did nothing at all; ctrl+home / ctrl+end (the same actions) still work."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]
