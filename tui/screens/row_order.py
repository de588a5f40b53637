"""A row screen's list order: the order worker (filter, ``d``, then a stable sort) and the sort keys.

A mixin of ``RowScreen`` (which supplies ``row_list``, ``entries``, ``filter_mask``, ``sort_values``,
``decided_mask``, ``why_empty``, ``update_title`` and the filter/sort state). Filtering and sorting run
in a thread worker (one per screen, a new request cancels the old): the worker only computes the new
order of entries and returns it; ``on_order_ready`` swaps it into the row list, so a million-row sort
never blocks a key press.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from textual import work
from textual.worker import get_current_worker

from tui.messages import OrderReady, WorkFailed
from tui.text_index import Check, Superseded
from tui.widgets.filter_bar import FilterSpec

MAX_KEPT_FILTER = 1000  # a longer "filter" in ui-state.json is not one a user typed: not restored

if TYPE_CHECKING:
    from tui.widgets.row_list import RowList


@dataclass(frozen=True)
class OrderRequest:
    """What the list should show: the worker turns it into an order of entries."""

    generation: int
    show_all: bool
    spec: FilterSpec
    sort_key: str
    descending: bool
    doing: str  # "sorting" or "filtering", for the indicator
    delay: float = 0.0  # debounce: wait this long (cancellable) before starting
    first: bool = False  # the screen's first order: the cursor starts on the first undecided entry
    hide_decided: bool = False  # leave out entries that have a decision (``d``)
    keep: int = -1  # an entry listed all the same (a decided one that ``:``, j or redo went to)
    past_filter: int = -1  # an entry listed although the filter hides it (``:``, j or an undo went to it)


class ListOrder:
    """Asks the order worker for the list's entries and shows its answer; ``s``, ``S`` and a column's title."""

    row_list: RowList
    generation: int
    busy: str | None
    show_all: bool
    spec: FilterSpec
    sort_key: str
    sort_descending: bool
    default_sort: tuple[str, bool]
    _past_filter: tuple[int, int] | None
    _pending_row: int | None
    _return_row: tuple[int, int] | None
    _place: tuple[int, str] | None = None  # (entry, its text's fingerprint): the first list's cursor (resume_place)

    def apply(self, doing: str = "filtering", delay: float = 0.0, first: bool = False) -> None:
        """Ask the order worker for the entries to show; the list keeps its rows until then."""
        self.generation += 1
        self.busy = doing
        self.row_list.pending = True
        self.row_list.refresh()
        self._listed_at = self.decisions_mark()
        self.compute_order(self.order_request(doing, delay, first))
        self.update_title()

    def order_request(self, doing: str = "filtering", delay: float = 0.0, first: bool = False) -> OrderRequest:
        """What the list should show now: the filter, the sort, ``f`` and ``d``."""
        return OrderRequest(self.generation, self.show_all, self.spec, self.sort_key, self.sort_descending,
                            doing, delay, first, self.hide_decided, self.kept_entry(),
                            self._past_filter[0] if self._past_filter is not None else -1)

    @work(thread=True, exclusive=True, exit_on_error=False, name="order", group="order")
    def compute_order(self, request: OrderRequest) -> None:
        """Filter, then a stable sort on the chosen column; posts OrderReady (nothing when superseded)."""
        worker = get_current_worker()
        if request.delay and worker.cancelled_event.wait(request.delay):
            return

        def check() -> None:
            if worker.is_cancelled:
                raise Superseded

        try:
            order = self.order_for(request, check)
        except Superseded:
            return
        except Exception as error:  # noqa: BLE001 - reaches the user as one line (app.on_work_failed)
            self.post_message(WorkFailed("order", error))
        else:
            self.post_message(OrderReady(request, order))

    def order_for(self, request: OrderRequest, check: Check) -> np.ndarray:
        entries = self.entries(request.show_all)
        if not request.spec.empty and not request.spec.error:
            entries = entries[self.filter_mask(entries, request.spec, check) | (entries == request.past_filter)]
        if request.hide_decided:
            entries = entries[~self.decided_mask(entries) | (entries == request.keep)]
        check()
        values = self.sort_values(request.sort_key, entries, check)
        order = np.argsort(values, kind="stable")
        if request.descending:
            order = order[::-1]
        return entries[order]

    def on_order_ready(self, message: OrderReady) -> None:
        """The order worker's result replaces the list's order (if it is the latest request)."""
        request, order = message.request, message.order
        if request.generation != self.generation:
            return
        rows = self.row_list
        if request.first and request.sort_key != self.default_sort[0] and request.sort_key not in rows.drawn_keys():
            # the last run's sort by a column this width leaves out (Decision at 80 columns): sorted by what the list
            # does not show, no title marked; the screen's own sort instead (the place's row is looked for then)
            self.sort_key, self.sort_descending = self.default_sort
            self.apply("sorting", first=True)
            return
        self.busy = None
        rows.sort_key, rows.sort_descending = request.sort_key, request.descending
        rows.empty_text = self.why_empty(request)
        # the cursor stays on its row, a new sort too (scrolled to it): a sort opened at the top, and the row being
        # read was somewhere in 10,003 (loop42); g or Home goes to the top
        rows.set_order(order, center=request.doing == "sorting")
        if request.first and not self.resume_place():
            self.cursor_to_first_undecided()
        if request.first and (kept := getattr(self, "_kept_filter", None)) is not None:
            from tui.terminal_text import terminal_safe

            self._kept_filter = None  # a stale filter hiding rows, unsaid, read as rows gone
            self.notify(f"filter {terminal_safe(kept)!r} kept from the last run: {len(order):,} rows match "
                        "(esc clears it)", timeout=6)
        if self._return_row is not None:  # f, f: back to the row f left, where this list has it
            generation, row = self._return_row
            self._return_row = None
            if generation == request.generation:
                rows.move_to_row(row)
        if self._pending_row is not None:
            self.show_row(self._pending_row)
        self.update_title()

    def on_work_failed(self, message: WorkFailed) -> None:
        """The list keeps its rows; the message bubbles on to the app, which tells the user."""
        if message.what == "order":
            self.busy = None
            self.row_list.pending = False
            self._pending_row = None  # the go-to or undo that list was for is over: the next list is not it
            self.update_title()

    # -- the place kept between runs (tui/ui_state.py) ---------------------------------------------

    def place(self) -> dict[str, Any] | None:
        """Where the list is: its cursor's entry (and a fingerprint of its text), the sort, ``f`` and ``d``; None
        for a screen never shown. Read from the list kept at compose: the app asks as it closes, widgets gone."""
        if (shown := getattr(self, "shown_list", None)) is None:
            return None
        entry = shown.current_row
        if (pending := getattr(self, "_place", None)) is not None:  # the first list not here yet: the last run's row
            entry, text = pending
        else:
            text = self.entry_check(entry) if entry is not None else ""
        return {"entry": entry, "text": text,
                "sort": self.sort_key, "descending": self.sort_descending, "all": self.show_all,
                "hide_decided": self.hide_decided,
                # a filter typed here (/), not a navigator's pair: an SSH drop mid-search reopens under it, said so
                "filter": self.filter_query if not self.opened_filter else ""}

    def entry_check(self, entry: int) -> str:
        from tui.ui_state import text_check

        return text_check(self.view.texts[self.entry_rows(entry)[0]])

    def restore_place(self, place: dict[str, Any]) -> None:
        """Before the screen's first list: the sort, ``f`` and ``d`` as :meth:`place` wrote them, and the entry the
        first list puts the cursor on (:meth:`resume_place`). A value of the wrong kind is left as it is."""
        sort = place.get("sort")
        if isinstance(sort, str) and sort in {column.key for column in self.columns()}:
            self.sort_key = sort
            if isinstance(descending := place.get("descending"), bool):
                self.sort_descending = descending
        for name, attribute in (("all", "show_all"), ("hide_decided", "hide_decided")):
            if isinstance(value := place.get(name), bool):
                setattr(self, attribute, value)
        if isinstance(query := place.get("filter"), str) and query and len(query) <= MAX_KEPT_FILTER:
            from tui.screens.row_screen import is_similarity_query  # it imports this module
            from tui.widgets.filter_bar import parse_filter

            if not is_similarity_query(query):
                self.filter_query, self.spec = query, parse_filter(query)
                self._kept_filter = query  # said as the first list comes (on_order_ready)
        entry, text = place.get("entry"), place.get("text")
        if isinstance(entry, int) and not isinstance(entry, bool) and isinstance(text, str):
            self._place = (entry, text)

    def resume_place(self) -> bool:
        """The first list: the cursor on the remembered entry where the list has it and its text is the same."""
        place, self._place = getattr(self, "_place", None), None
        if place is None:
            return False
        entry, text = place
        try:
            same = entry >= 0 and self.entry_check(entry) == text
        except (IndexError, OverflowError):  # fewer rows (or sets) than when it was written; past int64 (numpy)
            return False
        return same and self.row_list.move_to_row(entry, center=True)

    # -- sort keys -------------------------------------------------------------------------------

    def action_sort_next(self) -> None:
        # the columns drawn: at 80 columns 's' went on to the hidden Decision column, sorting by
        # what the screen does not show, with no column marked as the sort
        keys = self.row_list.drawn_keys()
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)] if self.sort_key in keys else keys[0]
        self.sort_descending = False
        self._resort()

    def on_row_list_header_clicked(self, event: RowList.HeaderClicked) -> None:
        """A click on a column's title, or its number key (1 the first drawn), sorts by it, as ``s`` does; on the sorted
        one it reverses, as ``S``."""
        if event.key == self.sort_key:
            self.sort_descending = not self.sort_descending
        else:
            self.sort_key, self.sort_descending = event.key, False
        self._resort()

    def action_sort_reverse(self) -> None:
        self.sort_descending = not self.sort_descending
        self._resort()

    def _resort(self) -> None:
        self.apply("sorting")
