"""The decision keys of every row screen: accept, label, exclude, keep, undo, redo.

With marks (``tui.screens.row_marks``) accept, label, exclude and keep act on every marked row
after a confirmation, as one journal group.

A mixin of ``RowScreen`` (which supplies ``view``, ``book``, ``issue_type``, ``row_list``,
``apply`` and ``refresh_decisions``). Every decision is written to the journal, fsynced,
before the key press returns.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tui.screens import set_decisions
from tui.terminal_text import terminal_safe
from tui.view import ISSUE_TITLES, counted
from tui.widgets.filter_bar import FilterBar, FilterSpec

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np
    from textual import events
    from textual.screen import Screen

    from tui.decisions import DecisionBook
    from tui.decisions_history import Outcome, Step
    from tui.view import AuditView
    from tui.widgets.row_list import RowList


#: Actions on the row (or set) under the cursor: with no row and no marks they have nothing to act on.
ROW_ACTIONS = frozenset({"accept", "pick_label", "exclude", "keep", "unify", "keep_one", "member"})


def history_message(step: Step, which: str) -> str:
    """What an undo/redo ('undone'/'redone') took back or put back, and where."""
    where = ISSUE_TITLES.get(step.issue_type, step.issue_type or "?")
    when = ", an earlier session" if step.earlier else ""
    if step.skipped:  # not 'no decision on row 0 (?)': undo gives back what it replaced, redo takes it away
        rows = "the row holds" if len(step.rows) == 1 else "the rows hold"
        what, then = (("did not apply", "the decision it replaced holds again") if which == "undone"
                      else ("does not apply", f"{rows} no decision again"))
        return f"{which}: a decision that {what} on {on_rows(step.rows)} ({where}{when}): {then}"
    return f"{which}: {step.what} on {on_rows(step.rows)} ({where}{when})"


def on_rows(rows: list[int]) -> str:
    """'row 5', or '3 rows (5, 9, 12)' with the first three rows named."""
    listed = ", ".join(f"{r:,}" for r in rows[:3]) + ("…" if len(rows) > 3 else "")
    return f"row {rows[0]:,}" if len(rows) == 1 else f"{len(rows):,} rows ({listed})"


def decision_words(described: str) -> str:
    """A decision as the decision column draws it ('→ X', '✗ excluded', '✓ kept') in words."""
    return f"relabelled to {described[2:]}" if described.startswith("→ ") else described.split(" ", 1)[-1]


def decision_said(book: DecisionBook, row: int, names: list[str]) -> str:
    """``row``'s decision in words ('' where it has none)."""
    return decision_words(book.describe(row, names)) if int(book.codes[row]) else ""


def say_decided(screen: Screen, row: int, before: str, why: str = "") -> None:
    """The toast after a single-row decision that replaced one (``before``, in words) or that needs a
    word (``why``, said after the decision): 'row 5,268: was relabelled to X, now kept; u undoes it'.
    A key on a decided row replaced its decision without a word, the cursor moving on (loop42)."""
    if not (before or why):
        return
    now = decision_said(screen.book, row, screen.view.shown_names)
    said = f"was {before}, now {now}" if before else now
    screen.notify(f"row {row:,}: {said}{why}; u undoes it", timeout=6)


def history_done(screen: Screen, outcome: Outcome, which: str) -> bool:
    """False (and says why) when an undo/redo changed nothing: an error, or nothing to take back."""
    if outcome.error:
        screen.notify(outcome.error, severity="error", timeout=8)
        return False
    if not outcome.rows:
        screen.notify(f"nothing to {'undo' if which == 'undone' else 'redo'}", timeout=2)
        return False
    return True


class DecisionKeys:
    """Decisions on the row under the cursor (or a near-duplicate set), and undo/redo."""

    view: AuditView
    book: DecisionBook
    issue_type: str
    #: The issue type the journal records this screen's decisions under, when it is not the
    #: screen's own (a re-audit's "Newly flagged" list: the type its rows are flagged for).
    recorded_type: str | None = None
    show_all: bool
    hide_decided: bool
    _pending_row: int | None
    filter_query: str
    opened_filter: str
    spec: FilterSpec
    _past_filter: tuple[int, int] | None
    row_list: RowList
    mark_count: int

    # -- decisions ----------------------------------------------------------------------------

    def target(self) -> int | None:
        """The row the single-row keys act on: the cursor's, or the row a go-to (or an undo) asked
        for while the list is still being made to show it. The key gate holds keys for that list
        only so long (READY_CAP_S): a key past it acted on the row under the old cursor (':2338'
        then 'l' opened the picker on another row)."""
        if self._pending_row is not None and self.row_list.pending:
            return self._pending_row
        return self.row_list.current_row

    def journal_suggestion(self, rows: Iterable[int]) -> int | None:
        """The journal's ``suggested_label`` for a group of ``rows``: the model's top class where a
        label issue backs it on every row and it is one class; None (null) otherwise. It was the top
        class of the first row on every screen (an outlier kept, a row of Overlapping classes), which
        read as a suggestion nothing had made, and a bulk relabel's own target."""
        rows = [int(r) for r in rows]
        picks = {int(self.view.predicted[r]) for r in rows}
        if len(picks) == 1 and all(self.suggestion_backed(r) for r in rows):
            return picks.pop()
        return None

    def decide(self, items: list[tuple[str, int, int | None]], why: str = "") -> None:
        """Write decisions to the journal (synchronously, fsynced), then advance the cursor. A single
        row's decision that replaces another says what it replaced (and ``why``, where given)."""
        if not items:
            return
        if len(items) == 1 and self.book.holds(*items[0]):  # nothing to write: say so, move on
            row = items[0][1]
            self.notify(f"row {row:,} is already {self.book.describe(row, self.view.shown_names)}: "
                        "nothing written", timeout=3)
            self.advance()
            return
        row = items[0][1] if len(items) == 1 else None
        before = "" if row is None else decision_said(self.book, row, self.view.shown_names)
        outcome = self.book.record_group(items, self.recorded_type or self.issue_type,
                                         self.journal_suggestion(r for _, r, _ in items))
        if outcome.error:
            self.notify(outcome.error, severity="error", timeout=8)
            return
        if row is not None:
            say_decided(self, row, before, why)
        self.advance()
        self.refresh_decisions(only_decided=True)

    def advance(self) -> None:
        """After a decision the cursor moves to the next entry."""
        self.row_list.action_cursor(1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accept is offered (not dimmed) only on a row whose suggestion a label issue backs; the
        keys that decide on a row are left out of the footer while the list is empty (nothing
        flagged: they did nothing at all)."""
        if action in ROW_ACTIONS and not self.mark_count and self.target() is None:
            return False
        if action == "toggle_mark" and parameters:  # the footer's 'space Mark, go down': while rows are marked
            return bool(self.mark_count)
        if action == "accept":
            if self.mark_count:
                return True
            row = self.target()
            if self.view.multilabel is not None:  # label sets: a suggested set change
                return set_decisions.can_accept(self, row)
            return True if row is not None and (self.suggestion_backed(row) or self.top_class_offered(row)) else None
        return True

    def top_class_offered(self, row: int) -> bool:
        """``a`` accepts the model's top class on ``row`` though no label issue backs it: on the label
        screen's list of every row (``f``), where the top class is not the given label. It said
        'nothing to accept' there (row 6,101: given p=0.202, top class p=0.669), a relabel costing l and
        the class typed (loop42). Not on the flagged list (a flag's suggestion is the point of it), nor
        on Overlapping classes (a guess there)."""
        view = self.view
        return (self.show_all and self.issue_type == "label" and int(view.predicted[row]) != int(view.given[row])
                and not view.has_no_text(row))

    def top_class_why(self, row: int) -> str:
        """The toast's words on a top class accepted with no label issue behind it."""
        probs = self.row_probs(row)
        if probs is None:
            return ", the model's top class (no label issue flags the row)"
        top, given = int(self.view.predicted[row]), int(self.view.given[row])
        return (f", the model's top class (p={probs[top]:.3f}, the given label's {probs[given]:.3f}; "
                "no label issue flags the row)")

    def suggestion_backed(self, row: int) -> bool:
        """A label issue backs ``row``'s suggestion here: textaudit's label flag, and on the label
        screen Datalab's own flag as well. walk37: ``f`` + ``datalab:yes`` (the README's way to list
        ``get_issues('label')``) listed rows whose ``a`` answered 'no label issue backs a suggestion'."""
        return self.view.backs_suggestion(row, datalab=self.issue_type == "label")

    def on_key(self, event: events.Key) -> None:
        """'a' on a row whose suggestion no label issue backs: the key is dimmed in the footer and
        pressing it did nothing at all (a dimmed key is hard to see, and invisible without colour);
        now it says why. A key the filter input takes never gets here."""
        from textual.widgets import Input

        if (event.key == "a" and not isinstance(self.focused, Input)
                and self.check_action("accept", ()) is None):
            self.action_accept()

    def action_accept(self) -> None:
        if self.view.multilabel is not None:  # label sets: tui/screens/set_decisions.py
            set_decisions.accept(self)
            return
        if self.mark_count:
            self.bulk("accept")
            return
        row = self.target()
        if row is None:
            return
        if not self.suggestion_backed(row) and self.top_class_offered(row):  # every row listed (f)
            self.decide([("relabel", row, int(self.view.predicted[row]))], why=self.top_class_why(row))
            return
        if not self.suggestion_backed(row):  # reached from the palette, or a key typed ahead
            if int(self.view.predicted[row]) == int(self.view.given[row]):
                why = "the model's top class is the given label"
            elif self.view.has_no_text(row):
                why = "the row has no text (a label cannot be judged without one)"
            elif self.issue_type == "label":
                why = "neither textaudit's label check nor Datalab's flags this row"
            else:
                why = "no label issue backs a suggestion for this row"
            self.notify(f"nothing to accept: {why} (l chooses a label, o keeps it)", timeout=4)
            return
        suggested = int(self.view.predicted[row])
        self.decide([("relabel", row, suggested)])

    def action_exclude(self) -> None:
        if self.mark_count:
            self.bulk("exclude")
        elif (row := self.target()) is not None:
            if self.view.multilabel is not None:  # the journal's suggestion is a set there
                set_decisions.decide_row(self, "exclude", row)
            else:
                self.decide([("exclude", row, None)])

    def action_keep(self) -> None:
        if self.mark_count:
            self.bulk("keep")
        elif (row := self.target()) is not None:
            if self.view.multilabel is not None:
                set_decisions.decide_row(self, "keep", row)
            else:
                self.decide([("keep", row, None)])

    def action_pick_label(self) -> None:
        if self.view.multilabel is not None:  # the label-set picker
            set_decisions.pick_set(self)
            return
        if self.mark_count:
            self.pick_label_for_marks()
            return
        row = self.target()
        if row is not None:
            self.open_picker(row)

    def open_picker(self, row: int, query: str = "") -> None:
        """The label picker for ``row`` (``query``: typed already); a new class is confirmed first."""
        from tui.screens.label_picker import LabelPicker
        from tui.screens.new_class import confirm_new_class, picker_options

        def chosen(label: int | str | None) -> None:
            if isinstance(label, str):
                confirm_new_class(self, [row], label, lambda index: self.relabel_rows([row], index),
                                  lambda typed: self.open_picker(row, typed))
            elif label is not None:
                self.relabel_rows([row], label)

        # the detail pane's word for the model's top class: a suggestion only where a label issue
        # backs it (on the Overlapping classes list the picker said '(suggested)' beside 'Suggested: none')
        note = "suggested" if self.suggestion_backed(row) else "top class"
        self.app.push_screen(
            LabelPicker(self.view.class_names, current=int(self.view.given[row]), suggested_note=note,
                        suggested=int(self.view.predicted[row]), title=f"Choose a label for row {row:,}",
                        text=self.view.texts[row], probs=self.row_probs(row), unused=self.book.extra_labels,
                        values=self.view.value_names, decided=self.book.decided_label(row), query=query,
                        **picker_options(self)),
            chosen,
        )

    def row_probs(self, row: int) -> np.ndarray | None:
        """The model's probability of each class for ``row`` (None without pred_probs)."""
        probs = self.view.pred_probs
        return None if probs is None else probs[row]

    def pick_label_for_marks(self) -> None:
        """``l`` with marks: choose one label, then confirm it for every marked row."""
        from tui.screens.label_picker import LabelPicker
        from tui.screens.new_class import picker_options

        rows = self.marked_rows()

        def chosen(label: int | str | None) -> None:
            if label is not None:  # a new class (str): the bulk dialog confirms it, '(new)' in its title
                self.bulk("relabel", self.book.add_label(label) if isinstance(label, str) else label)

        # the suggestion most marked rows share, and for how many: the first marked row's alone was
        # offered as '(suggested)' for all of them, though 6 of 7 rows suggested other classes
        suggested, share = Counter(int(self.view.predicted[r]) for r in rows).most_common(1)[0]  # ties: the first
        backed = all(self.suggestion_backed(r) for r in rows if int(self.view.predicted[r]) == suggested)
        word = "suggested" if backed else "top class"  # as the detail pane says it (action_pick_label)
        note = word if share == len(rows) else f"{word} for {share:,} of {len(rows):,}"
        self.app.push_screen(LabelPicker(self.view.class_names, suggested=suggested, suggested_note=note,
                                         title=f"Relabel {counted(len(rows), 'marked row')}",
                                         unused=self.book.extra_labels, values=self.view.value_names,
                                         **picker_options(self)),
                             chosen)

    def label_shown(self, label: int) -> str:
        """A class index as drawn; past the classes, the unused ClassLabel name the picker offered."""
        names = self.view.shown_names
        if label < len(names):
            return names[label]
        from tui.names import drawn_name

        return f"{drawn_name(self.book.new_class_shown(self.book.extra_labels[label - len(names)]))} (new)"

    def relabel_items(self, rows: list[int], label: int) -> list[tuple[str, int, int | None]]:
        """``rows`` relabelled to ``label``: a row whose given label it is, kept as it is."""
        return [("keep", r, None) if int(self.view.given[r]) == label else ("relabel", r, label) for r in rows]

    def relabel_rows(self, rows: list[int], label: int) -> None:
        self.decide(self.relabel_items(rows, label))

    def action_undo(self) -> None:
        self._history(self.book.undo(self.view.shown_names), "undone")

    def action_redo(self) -> None:
        self._history(self.book.redo(self.view.shown_names), "redone")

    def _history(self, outcome: Outcome, which: str) -> None:
        """Say what an undo/redo took back or put back, and where; the cursor goes to that row.

        The journal undoes its newest decision, which may have been made on another screen or in
        an earlier session: then that screen opens with the cursor on the row.
        """
        if not history_done(self, outcome, which):
            return
        self.refresh_decisions()
        step = outcome.step
        if step is None:
            self.show_row(outcome.rows[0])
            return
        rows = step.rows
        message = history_message(step, which)
        if step.issue_type != (self.recorded_type or self.issue_type) and step.issue_type in self.view.issue_types:
            self.app.show_row(step.issue_type, rows[0])
            message += " · moved there"
        else:
            self.show_row(self._landing_row(rows))
        self.notify(message, timeout=6)

    def _landing_row(self, rows: list[int]) -> int:
        """Where the cursor goes after undoing/redoing ``rows``: it stays when on one of them, else
        the first of them in this list's order (an undo of 20,000 marked rows jumped to row 0 at
        the far end of a list sorted by score)."""
        if len(rows) == 1:
            return rows[0]
        import numpy as np

        if self.row_list.current_row in set(rows):
            return int(self.row_list.current_row)
        order = self.row_list.order
        listed = np.flatnonzero(np.isin(order, np.asarray(rows, dtype=np.int64)))
        return int(order[listed[0]]) if len(listed) else rows[0]

    def show_row(self, row: int) -> None:
        """Put the cursor on ``row``: now if listed, else once the list (widened if need be) is ready."""
        self._pending_row = None
        if not self.row_list.pending and self.hide_decided and self.listed_stale():
            # decided or undone since this list last left decided rows out (an undo on another
            # screen that opened this one): list again first, then look; widening found the row
            # missing and listed every row
            self._pending_row = row
            self.apply()
            return
        if self.row_list.pending or not self.follow(row):
            self._pending_row = row
            if not self.row_list.pending:
                if self.widen(row):
                    self.apply()
                else:  # every row is listed and it is not there: the filter hides it (go-to said nothing)
                    self._pending_row = None
                    if self.filter_query:
                        self.notify(f"row {row:,} does not match the filter {self.filter_query}: "
                                    "/ edits it (ctrl+u there clears it)", timeout=6)
                    else:
                        self.notify(f"row {row:,} is not listed on this screen", timeout=4)

    def widen(self, row: int) -> bool:
        """List more entries so that ``row`` shows, a step at a time: its entry although ``d`` hides
        decided ones, then every row, then its entry although the filter hides it (the title says
        'filter: X but row N' until the filter changes); False when there is no more to list.
        A go-to that the filter refused closed its dialog with a notice, so ':150000⏎x' typed
        ahead excluded the row under the cursor instead (220,000 rows, in the browser)."""
        if self.keep_listed(row):
            return True
        if not self.show_all and not self._flagged_here(row):  # a flagged row is hidden by the filter, not by
            self.show_all = True  # 'flagged only': an undo under another filter listed every row for nothing
            return True
        return self.list_past_filter(row)

    def _flagged_here(self, row: int) -> bool:
        """Whether ``row``'s entry is among the entries listed without ``f`` (the flagged ones)."""
        import numpy as np

        entry = self.entry_of(row)
        return entry is not None and bool(np.any(self.entries(False) == entry))

    def list_past_filter(self, row: int) -> bool:
        """List ``row``'s entry although the filter hides it, until the filter changes; False when
        the filter is not what hides it (the last step of every screen's ``widen``)."""
        entry = self.entry_of(row)
        if entry is None or self.spec.empty or self.spec.error or (
                self._past_filter is not None and self._past_filter[0] == entry):
            return False
        self._past_filter = (entry, int(row))
        self.notify(f"row {row:,} does not match the filter {self.filter_query}: listed all the same "
                    "until the filter changes", timeout=6)
        return True

    def show_flagged(self) -> None:
        """Opened from the summary: the rows its count is about. A go-to (``:``) of an unflagged
        row, or ``f``, left the label screen listing all 997 rows, and reopening it from the
        summary's 'Label issues 7' showed them still (near-duplicates: every set again). A
        navigator's filter goes too: after ``C``, a pair and esc esc, 'Label issues 161' opened
        '44 of 161 flagged' under the pair. A filter typed here stays, and a notice says so."""
        changed = self.show_all
        self.show_all = False
        if self.opened_filter:  # the navigator's list is done with: the summary's count is of every flagged row
            self.opened_filter = self.filter_query = ""
            self.spec = FilterSpec()
            self._past_filter = None
            if self.is_mounted:
                self.query_one("#filter", FilterBar).value = ""
            changed = True
        elif self.filter_query:
            self.notify(f"your filter {terminal_safe(self.filter_query)!r} is still on: the title counts the rows "
                        "it lists (esc clears it)", timeout=5)
        if changed and self.is_mounted:
            self.apply()

    def follow(self, row: int) -> bool:
        """Move the cursor to ``row`` when this screen lists it."""
        return self.row_list.move_to_row(row)
