"""The go-to dialog (``:``): a row number, or an id of the data's id column."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.bindings import DIALOG_PALETTE, GOTO_BINDINGS
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel
from tui.widgets.safe_input import SafeInput


NO_IDS = "this data has no id column (--id-column names one)"


def resolve_row(query: str, ids: np.ndarray | None, n_rows: int) -> tuple[int | None, str | None]:
    """(row, None), or (None, why not). ``id:X`` is always an id; a number is a row number
    (as the detail pane shows it, commas allowed); anything else is looked up as an id.
    ``ids`` None: the data has no id column, and only row numbers go."""
    text = query.strip()
    if not text:
        return None, "type a row number or an id" if ids is not None else f"type a row number: {NO_IDS}"
    if ids is None and not text.replace(",", "").replace("_", "").isdecimal():
        return None, f"{text!r} is no row number (0..{n_rows - 1:,}): {NO_IDS}"
    if text.lower().startswith("id:"):
        return _by_id(text[3:].strip(), ids)
    number = text.replace(",", "").replace("_", "")
    if number.isdecimal():  # not isdigit: "²" passes it, and int() refuses it (a crash)
        row = int(number)
        if row < n_rows:
            return row, None
        past = f"row {row:,} is past the last row ({n_rows - 1:,})"
        return None, past + (f"; id:{text} looks it up as an id" if ids is not None else "")
    return _by_id(text, ids)


def _by_id(value: str, ids: np.ndarray) -> tuple[int | None, str | None]:
    hits = np.flatnonzero(np.asarray([str(v) for v in ids], dtype=object) == value)
    if len(hits) == 1:
        return int(hits[0]), None
    if len(hits) > 1:
        return int(hits[0]), None  # ids are meant to be unique; the first one
    return None, f"no row has the id {value!r}"


class GotoDialog(ModalScreen[int | None]):
    """Returns the row to go to, or None on escape; a bad entry says why and stays open.

    ``refuse(row)``: why the screen underneath cannot list ``row`` (None where it can), said here
    with the dialog open. Said after closing, the key typed next acted on the row under the
    cursor: in tmux, ':0⏎x' on the near-duplicates excluded row 88 ('row 0 is not on this
    screen'), and on More like this row 160."""

    BINDINGS = [*GOTO_BINDINGS, DIALOG_PALETTE]
    AUTO_FOCUS = "#goto-query"

    def __init__(self, ids: np.ndarray | None, n_rows: int, refuse: Callable[[int], str | None] | None = None) -> None:
        super().__init__()
        self.ids = ids
        self.n_rows = n_rows
        self.refuse = refuse

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            ids = " or an id (id:X)" if self.ids is not None else ""  # without an id column: rows only
            yield PartsLabel([f"Go to a row (0..{self.n_rows - 1:,}){ids}", "enter goes", "esc cancels"],
                             classes="dialog-title")
            yield SafeInput(placeholder="row number" + (" or id" if ids else ""), id="goto-query")  # a pasted id may hold ESC
            yield Label("", id="goto-error", markup=False)
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def on_input_changed(self, event: Input.Changed) -> None:
        """An edit clears the last error: 'no row has the id 'abc'' stayed under a new 'id:d0012'
        until enter, as if it were said of what the input now holds."""
        self.query_one("#goto-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        row, error = resolve_row(event.value, self.ids, self.n_rows)
        if error is None and row is not None and self.refuse is not None:
            error = self.refuse(row)
        if error is not None:
            self.query_one("#goto-error", Label).update(error)
            return
        self.dismiss(row)

    def action_cancel(self) -> None:
        self.dismiss(None)
