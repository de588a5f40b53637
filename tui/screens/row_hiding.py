"""``d``: a row screen's list leaves out the entries that have a decision.

A mixin of ``RowScreen`` (which supplies ``book``, ``row_list``, ``entry_rows``, ``is_decided``,
``decided_mask``, ``apply``, ``order_request`` and ``why_empty``). A decision with ``d`` on takes
its entries out of the list in place (drop_decided); ``:``, j or a redo to a decided row lists
that one entry all the same (keep_listed), ``d`` staying on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tui.decisions import DecisionBook
    from tui.widgets.row_list import RowList


class HideDecided:
    """The ``d`` key's state: whether decided entries are hidden, the one listed all the same,
    and which decisions the list's order was asked with."""

    book: DecisionBook
    row_list: RowList
    hide_decided: bool = False
    _kept: tuple[int, int, bytes] | None = None  # (entry, row gone to, its decisions then): see keep_listed
    _listed_at: int | None = None  # decisions_mark when the order was asked for

    def action_toggle_decided(self) -> None:
        self.hide_decided = not self.hide_decided
        self._kept = None  # a decided row listed all the same (keep_listed) goes with the rest
        self.apply()
        self.notify("hiding rows that have a decision" if self.hide_decided else "showing decided rows too",
                    timeout=2)

    def hiding_note(self) -> str:
        """The title's word for ``d``: 'decided hidden', and the row listed all the same."""
        return "decided hidden" + (f" but row {self._kept[1]:,}" if self.kept_entry() >= 0 else "")

    def entry_of(self, row: int) -> int | None:
        """The entry that lists ``row`` (None where none does)."""
        return int(row)

    def _decisions_of(self, entry: int) -> bytes:
        rows = self.entry_rows(entry)
        return self.book.codes[rows].tobytes() + self.book.labels[rows].tobytes()

    def keep_listed(self, row: int) -> bool:
        """``d`` hides ``row``'s entry (it has a decision) and the user went to it (``:``, j, redo):
        list it all the same, ``d`` staying on, until its decision changes or ``d`` is pressed.
        ``:`` to a decided row turned ``d`` off and listed every row, decided ones too. False when
        ``d`` is not what hides the row."""
        entry = self.entry_of(row)
        if entry is None or not self.hide_decided or not self.is_decided(entry) or self.kept_entry() == entry:
            return False
        self._kept = (entry, int(row), self._decisions_of(entry))
        return True

    def kept_entry(self) -> int:
        """The entry keep_listed lists, or -1 (none, or its decision changed since)."""
        if self._kept is not None and self._decisions_of(self._kept[0]) != self._kept[2]:
            self._kept = None
        return -1 if self._kept is None else self._kept[0]

    def decisions_mark(self) -> int:
        """Changes when a decision, undo or redo is written (this screen's or another's), or the
        journal is read again."""
        return self.book.version

    def listed_stale(self) -> bool:
        """Decisions changed since the list's order was asked for (which ``d`` may have used)."""
        return self._listed_at != self.decisions_mark()

    def drop_decided(self) -> bool:
        """Take the entries decided since the list's order out of it, in place: decisions only
        remove entries from a list that hides decided ones, and leave the rest in order. Each x
        with ``d`` on waited for the order worker instead: 160 ms a key against 40 with ``d`` off
        (banking77 test, 3,080 rows, a loaded 2-core machine). False when the list is not the
        order of the decisions just before these (an order pending, or changes since)."""
        rows = self.row_list
        if rows.pending or self._listed_at != self.decisions_mark() - 1:
            return False
        order = rows.order
        gone = self.decided_mask(order) & (order != self.kept_entry())
        self._listed_at = self.decisions_mark()
        if gone.any():
            # the entry under the cursor (after the decision moved it on), else the one before it
            position = int(np.count_nonzero(~gone[:rows.cursor]))
            rows.empty_text = self.why_empty(self.order_request())
            rows.set_order(order[~gone], position=position)
        return True

