"""Marks and bulk decisions, and moving through what is left to review, for every row screen.

A mixin of ``RowScreen`` (which supplies ``view``, ``book``, ``issue_type``, ``row_list``,
``entries``, ``entry_rows``, ``apply``, ``show_row``, ``decide`` and ``update_title``).

``space`` marks the entry under the cursor, ``*`` every entry the list shows now, ``escape``
clears the marks. With marks, ``a``/``l``/``x``/``o`` act on every marked row after a
confirmation (``BulkDialog``): one journal group, one undo step, one fsync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from engine.wording import counted, counted_verb
from tui.screens.bulk_dialog import PREVIEW_ROWS, BulkDialog, BulkRequest, PreviewRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.decisions import Bulk, DecisionBook
    from tui.view import AuditView
    from tui.widgets.row_list import RowList

Item = tuple[str, int, "int | None"]  # (action, row, label index after) as DecisionBook takes it


class MarkKeys:
    """Marks over the screen's entries (rows, or near-duplicate sets) and the bulk decisions."""

    view: AuditView
    book: DecisionBook
    issue_type: str
    recorded_type: str | None
    row_list: RowList
    entries_are_rows = True  # False where an entry is a group of rows (near-duplicate sets)
    _marks: np.ndarray | None = None
    suggestion_backed: Callable[[int], bool]  # DecisionKeys'
    top_class_offered: Callable[[int], bool]  # DecisionKeys'

    # -- the marks ----------------------------------------------------------------------------

    def entry_universe(self) -> int:
        """How many entries the screen can list (marks are a boolean array that long)."""
        return len(self.view)

    @property
    def marks(self) -> np.ndarray:
        if self._marks is None or len(self._marks) != self.entry_universe():
            self._marks = np.zeros(self.entry_universe(), dtype=bool)
        return self._marks

    @property
    def mark_count(self) -> int:
        return int(np.count_nonzero(self._marks)) if self._marks is not None else 0

    def is_marked(self, entry: int) -> bool:
        return bool(self._marks is not None and self._marks[entry])

    def marked_entries(self) -> np.ndarray:
        """Marked entries in the order the list shows them, then any the list leaves out now."""
        order = self.row_list.order
        shown = order[self.marks[order]]
        if len(shown) == self.mark_count:
            return shown
        return np.concatenate([shown, np.setdiff1d(np.flatnonzero(self.marks), shown)])

    def marked_rows(self) -> list[int]:
        """The dataset rows behind the marked entries, in entry order, each once."""
        entries = self.marked_entries()
        if self.entries_are_rows:
            return entries.tolist()
        rows: dict[int, None] = {}
        for entry in entries.tolist():
            rows.update(dict.fromkeys(self.entry_rows(entry)))
        return list(rows)

    def marks_changed(self) -> None:
        self.row_list.refresh()
        self.update_title()
        self.refresh_bindings()

    def clear_marks(self) -> None:
        if self._marks is not None:
            self._marks[:] = False
        self.marks_changed()

    def action_toggle_mark(self, shown: str = "") -> None:
        """Mark or unmark the entry, then go down (``shown``: the footer's binding, tui/bindings.py)."""
        entry = self.row_list.current_row
        if entry is None:
            return
        self.marks[entry] = not self.marks[entry]
        self.row_list.action_cursor(1)  # space, space, space marks a run of rows
        self.marks_changed()

    def action_mark_all(self) -> None:
        order = self.row_list.order
        # the row a go-to listed although the filter hides it ('filter: X but row N') is no row of the
        # filtered list: '*' on '/given:A' then 'x' excluded it with the A rows, out of the preview's sight
        past = getattr(self, "_past_filter", None)
        unmarked_past = past is not None and not self.marks[past[0]] and bool(np.any(order == past[0]))
        if unmarked_past:
            order = order[order != past[0]]
        aside = f"; not row {past[1]:,}, listed past the filter: space marks it" if unmarked_past else ""
        if not len(order):
            if unmarked_past:
                self.notify(f"no row matches the filter{aside}", timeout=4)
            return
        self.marks[order] = True
        self.marks_changed()
        self.notify(f"marked {counted(len(order), 'row')} (a, l, x, o act on all {self.mark_count:,}; esc clears"
                    f"{aside})", timeout=4 if aside else 3)

    def action_escape(self) -> None:
        """Escape clears the marks first, then a filter typed on the screen; then it goes back."""
        if self.mark_count:
            count = self.mark_count
            self.clear_marks()
            self.notify(f"cleared {counted(count, 'mark')}", timeout=2)
        elif not self.clear_typed_filter():
            self.action_back()

    def clear_typed_filter(self) -> bool:
        """Clears a filter typed on the screen; False where there is none (RowScreen has the filter)."""
        return False

    # -- bulk decisions -----------------------------------------------------------------------

    def bulk(self, action: str, label: int | None = None) -> None:
        """Ask to confirm ``action`` on every marked row; on yes, one journal group."""
        rows = self.marked_rows()
        view = self.view
        skipped = 0
        items: list[Item] = []
        top_only = 0  # rows taking the model's top class though no label issue backs it (every row listed, f)
        if action == "accept":
            backed = [r for r in rows if self.suggestion_backed(r) or self.top_class_offered(r)]
            top_only = sum(1 for r in backed if not self.suggestion_backed(r))
            skipped = len(rows) - len(backed)
            items = [("relabel", r, int(view.predicted[r])) for r in backed]
            title = f"Accept the suggested label on {counted(len(items), 'marked row')}"
        elif action == "relabel":
            assert label is not None
            items = self.relabel_items(rows, label)
            title = f"Relabel {counted(len(items), 'marked row')} to {self.label_shown(label)}"
        else:
            items = [(action, r, None) for r in rows]
            title = f"{'Exclude' if action == 'exclude' else 'Keep as they are'}: {counted(len(items), 'marked row')}"
        if not items:
            self.notify("nothing to accept: no label issue backs a suggestion on the marked rows "
                        "(l chooses a label for them)", timeout=5)
            return
        decided = self.book.decided_among(np.asarray([r for _, r, _ in items], dtype=np.int64))
        # rows that have this very decision already: nothing of theirs is replaced
        same = sum(1 for item in items if self.book.holds(*item)) if decided else 0
        hidden = self.mark_count - int(np.count_nonzero(self.marks[self.row_list.order]))
        preview = [self._preview(item) for item in items[:PREVIEW_ROWS]]
        notes = []
        if top_only:  # as a alone on such a row (DecisionKeys.top_class_offered)
            notes.append(f"{counted_verb(top_only, 'row', 'take')} the model's top class, which no label issue backs")
        if skipped:
            notes.append(f"{counted_verb(skipped, 'marked row', 'have')} no label issue backing a "
                         "suggestion: left as they are")
        if decided - same:
            other = decided - same
            notes.append(f"{other:,} of them already {'has a decision: it is' if other == 1 else 'have a decision: each is'} "
                         "replaced")
        if same:
            notes.append(f"{same:,} of them already {'has' if same == 1 else 'have'} this decision (unchanged)")
        if hidden:
            notes.append(f"{counted_verb(hidden, 'marked entry', 'are', plural='marked entries')} not in the list as filtered now")
        request = BulkRequest(title, len(items), preview, notes)
        prepared = self.book.prepare(items)  # columns + line parts now, so enter only writes

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.apply_bulk(prepared)

        self.app.push_screen(BulkDialog(request), confirmed)

    def _preview(self, item: Item) -> PreviewRow:
        action, row, label = item
        names = self.view.shown_names
        before = names[int(self.view.given[row])]
        after = {"relabel": self.label_shown(label) if label is not None else "?", "exclude": "✗ excluded",
                 "keep": "✓ kept"}[action]
        return PreviewRow(row, str(self.view.texts[row]), before, after)

    def apply_bulk(self, items: list[Item] | Bulk) -> None:
        """Write the group (one fsync), clear the marks, say what happened."""
        rows = [row for _, row, _ in items] if isinstance(items, list) else items.rows
        outcome = self.book.record_group(items, self.recorded_type or self.issue_type, self.journal_suggestion(rows))
        if outcome.error:
            self.notify(outcome.error, severity="error", timeout=8)
            return
        self.clear_marks()
        self.refresh_decisions(only_decided=True)
        self.notify(f"saved {counted(len(items), 'decision')} as one step (u undoes them all)", timeout=4)

    # -- moving through what is left ----------------------------------------------------------

    def decided_mask(self, entries: np.ndarray) -> np.ndarray:
        """Which ``entries`` have a decision (runs in the order worker too)."""
        return self.book.codes[entries] != 0

    def action_next_undecided(self, step: int) -> None:
        order = self.row_list.order
        if not len(order):
            return
        open_positions = np.flatnonzero(~self.decided_mask(order))
        if not len(open_positions):
            self.notify("every row of this list has a decision", timeout=3)
            return
        cursor = self.row_list.cursor
        ahead = open_positions[open_positions > cursor] if step > 0 else open_positions[open_positions < cursor][::-1]
        if len(ahead):
            self.row_list.move_cursor(int(ahead[0]))
            return
        wrapped = int(open_positions[0] if step > 0 else open_positions[-1])
        if wrapped != cursor:
            self.row_list.move_cursor(wrapped)
            self.notify("wrapped to the " + ("top" if step > 0 else "bottom"), timeout=2)
        else:
            self.notify("this is the only undecided row of the list", timeout=2)

    def action_goto(self) -> None:
        from tui.screens.goto_dialog import GotoDialog

        def chosen(row: int | None) -> None:
            if row is None:
                return
            if (why := self.cannot_list(row)) is not None:  # the dialog said so; the sets changed since
                self.notify(why, timeout=4)
                return
            self.show_row(row)

        ids = self.view.ids if self.view.id_column is not None else None  # no id column: row numbers only
        self.app.push_screen(GotoDialog(ids, len(self.view), self.cannot_list), chosen)

    def action_thresholds(self) -> None:
        self.app.open_thresholds(self.issue_type)

    def view_changed(self) -> None:
        """The check's flags moved (a new threshold): list again."""
        if self.is_mounted:
            self.apply("filtering")

    def action_jump_issue(self) -> None:
        """The row under the cursor on the next issue screen that flags it (in the summary's order)."""
        from tui.widgets.detail_pane import flagged_by

        row = self.target()
        if row is None:
            return
        others = [name for name, _ in flagged_by(self.view, row)]
        if self.issue_type in others:  # cycle on from this screen's place
            at = others.index(self.issue_type)
            others = others[at + 1:] + others[:at]
        if not others:
            self.notify(f"row {row:,} is flagged by no other check", timeout=3)
            return
        self.app.show_row(others[0], row)

    def can_show(self, row: int) -> bool:
        """Whether some listing of this screen holds ``row`` (every row screen lists all rows with f)."""
        return 0 <= row < len(self.view)

    def cannot_list(self, row: int) -> str | None:
        """Why no listing of this screen holds ``row`` (the go-to dialog says it and stays open);
        None where one does: a filter or ``d`` that hides it is widened past (``widen``)."""
        return None if self.can_show(row) else f"row {row:,} is not on this screen"
