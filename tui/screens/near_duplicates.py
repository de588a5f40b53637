"""Near-duplicates: one entry per set, members side by side with a word diff.

Sets whose members carry different labels come first and are marked with "!". Keys act on the
selected member (left/right to choose) or on the whole set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from engine.wording import counted, counted_verb
from tui.bindings import NEAR_DUPLICATE_BINDINGS
from tui.columns import DECISION, LABELS, SET, SIZE, TEXT
from tui.decisions import RELABEL
from tui.screens import set_decisions
from tui.screens.row_decisions import on_rows
from tui.screens.row_order import OrderRequest
from tui.screens.row_screen import RowScreen
from tui.terminal_text import list_cell
from tui.text_index import Check
from tui.widgets.diff_view import DiffView, settled_label
from tui.widgets.filter_bar import FilterSpec
from tui.widgets.row_list import Column, RowList

LABELS_MOST = 80  # the widest a label-set Labels column grows on a wide terminal (the text keeps its share)
SET_CELLS = 10  # the fewest cells one label (set) of a Labels cell gets beside the others
APART = " ≠ "  # between the different labels (sets) of a set's members


def shares(lengths: list[int], room: int) -> list[int]:
    """``room`` cells shared out: a part that needs less than an even share keeps its length,
    the rest goes evenly to the longer ones (the longest takes what is left)."""
    given = [0] * len(lengths)
    left = room
    for done, index in enumerate(sorted(range(len(lengths)), key=lengths.__getitem__)):
        given[index] = min(lengths[index], left // (len(lengths) - done))
        left -= given[index]
    return given


def fit_apart(parts: tuple[str, ...], width: int, fit: Callable[[str, int], str],
              forms: Callable[[str], list[int]]) -> str:
    """A Labels cell of different labels (sets) in ``width`` cells, every side of the conflict
    shown (Debian debtags at 80x24 showed 'culture::brazilian, made-of::dictionar…': one set cut at
    its end through a label, the '≠' and the other sets off the cell). Where each part's shortest
    whole-label form fits (``forms``: the cells of a set cut between labels, 'use::browsing (+7)',
    to whole), the first parts grow to longer ones; else the first two or more parts that fit so
    and ' ≠ …'; else each gets a share cut by ``fit``, with too many parts for that the first ones."""
    from rich.cells import cell_len

    from tui.names import cut_middle

    steps = [sorted(forms(part)) for part in parts]
    for shown in range(len(parts), 1, -1):  # whole labels, as many parts as fit (two at least)
        tail = "" if shown == len(parts) else APART + "…"
        room = width - cell_len(tail) - cell_len(APART) * (shown - 1)
        if sum(step[0] for step in steps[:shown]) <= room:
            cells = [step[0] for step in steps[:shown]]
            for index, step in enumerate(steps[:shown]):  # the first parts grow first
                cells[index] = max(w for w in step if w <= cells[index] + room - sum(cells))
            return APART.join(fit(part, w) for part, w in zip(parts, cells)) + tail
    for shown in range(len(parts), 0, -1):  # labels cut in their middle
        tail = "" if shown == len(parts) else APART + "…"
        room = width - cell_len(tail) - cell_len(APART) * (shown - 1)
        lengths = [cell_len(part) for part in parts[:shown]]
        if room >= sum(min(length, SET_CELLS) for length in lengths):
            return APART.join(fit(part, w) for part, w in zip(parts, shares(lengths, room))) + tail
    return cut_middle(APART.join(parts), width)


class NearDuplicatesScreen(RowScreen):
    """Near-duplicate sets, conflicting labels first."""

    BINDINGS = NEAR_DUPLICATE_BINDINGS
    HELP_FIRST = ("Near-duplicates", "Row screens")
    issue_type = "near_duplicate"
    default_sort = (SET, False)
    entries_are_rows = False  # an entry is a set; marks and bulk decisions take all its members

    def __init__(self, view, book, issue_type=None) -> None:
        super().__init__(view, book, issue_type)
        self.load_sets()

    def load_sets(self) -> None:
        view = self.view
        self.label_parts: dict[str, tuple[str, ...]] = {}  # a Labels cell of different labels -> them
        self.sets = view.duplicate_sets
        self.set_of_row = {int(r): i for i, members in enumerate(self.sets) for r in members}
        self.conflict = np.asarray([view.set_has_conflict(m) for m in self.sets], dtype=bool)
        self.first_members = np.asarray([m[0] for m in self.sets], dtype=np.int64)

    def columns(self) -> list[Column]:
        # room for "a ≠ b" only where a set has two labels: with none (banking77 train, AG News) the
        # column kept 40 of 80 columns for one name, the text cut at 29 cells beside it
        pair = self.view.multilabel is not None or bool(self.conflict.any())
        width, grow = (2 * self.label_width() + 3, 2 * self.label_growth()) if pair else (
            self.label_width(), self.label_growth())
        if pair and self.view.multilabel is None:
            # two names as long as the longest class kept 21 cells (man pages: '3readline') for
            # pairs like '3 ≠ 3t', the text cut at 17 of 50 columns: the widest pair drawn, or a name;
            # a wide terminal grows it to a set of three labels or more (up to 40 cells)
            widest = self.widest_pair()
            most = min(max(width + grow, 40), max(widest, self.label_width() + self.label_growth()))
            width = min(width, max(widest, self.label_width()))
            grow = max(0, most - width)
        elif self.view.multilabel is not None:
            # sets of labels: a wide terminal grows the column to the widest cell (up to LABELS_MOST),
            # as the label screen's Given column grows to whole sets; sized from the longest single
            # label it never grew ('fraud, payment (+1)' beside 120 cells of text at 160 columns)
            grow = max(0, min(self.widest_cell(), LABELS_MOST) - width)
        return [
            Column(SET, "!", 1),
            Column(SIZE, "N", 3, right=True, drop=2),
            Column(LABELS, "Labels", width, drop=1, grow=grow, fit=self.fit_labels),
            Column(TEXT, "Text (first member)"),
            Column(DECISION, "Done", 5, drop=3),
        ]

    def fit_labels(self, text: str, width: int) -> str:
        """A Labels cell too wide for its column: each member's label (set) in a share of it, a set
        cut between its labels with how many are left out (MultiLabelView.fit: 'use::browsing (+7)'),
        a name in its middle; it was cut at its end through the middle of a label."""
        ml = self.view.multilabel
        fit = ml.fit if ml is not None else self.view.names.fit
        parts = self.label_parts.get(text)
        return fit(text, width) if parts is None else fit_apart(parts, width, fit, self.whole_forms)

    def whole_forms(self, text: str) -> list[int]:
        """The cells of ``text`` (a label set, or a name) cut between its labels with the count
        ('a, b (+3)', MultiLabelView.fit), from its first label alone to whole."""
        from rich.cells import cell_len

        ml = self.view.multilabel
        known = ml.parts.get(text) if ml is not None else None
        if known is None:
            return [cell_len(text)]
        labels, sep = known
        return [cell_len(f"{sep.join(labels[:k])} (+{len(labels) - k})") for k in range(1, len(labels))] + [
            cell_len(text)]

    def widest_pair(self) -> int:
        """Cells of the widest Labels cell among the sets with two labels or more (given labels: fixed)."""
        from rich.cells import cell_len

        return max((cell_len(self.cell(int(e), LABELS)) for e in np.flatnonzero(self.conflict)), default=0)

    def widest_cell(self) -> int:
        """Cells of the widest Labels cell of any set (label sets: one set, or the members' sets apart)."""
        from rich.cells import cell_len

        return max((cell_len(self.cell(entry, LABELS)) for entry in range(len(self.sets))), default=0)

    def entries(self, show_all: bool | None = None) -> np.ndarray:
        everything = np.arange(len(self.sets), dtype=np.int64)
        return everything[self.conflict] if (self.show_all if show_all is None else show_all) else everything

    def entry_rows(self, entry: int) -> list[int]:
        return [int(r) for r in self.sets[entry]]

    def view_changed(self) -> None:
        """A new threshold regrouped the sets: marks on the old sets no longer mean anything."""
        self.load_sets()
        self._marks = None
        self._past_filter = None  # a set's number from before the regrouping
        if self.is_mounted:  # a set with two labels may have come or gone: the Labels column's width
            self.row_list.columns = self.columns()
        super().view_changed()

    def entry_universe(self) -> int:
        return len(self.sets)

    def decided_mask(self, entries: np.ndarray) -> np.ndarray:
        return np.asarray([self.is_decided(int(e)) for e in entries], dtype=bool)

    def can_show(self, row: int) -> bool:
        return int(row) in self.set_of_row

    def cannot_list(self, row: int) -> str | None:
        return None if self.can_show(row) else f"row {row:,} is not on this screen (it is in no near-duplicate set)"

    def cell(self, entry: int, key: str) -> str:
        members = self.sets[entry]
        names = self.view.shown_names
        if key == SET:
            return "!" if self.conflict[entry] else ""
        if key == SIZE:
            return str(len(members))
        if key == LABELS:
            ml = self.view.multilabel  # label sets: each member's set, compactly
            labels = sorted({ml.given_text(r) if ml is not None else names[int(self.view.given[r])] for r in members})
            if len(labels) == 1:
                return labels[0]
            self.label_parts.setdefault(APART.join(labels), tuple(labels))  # for fit_labels
            return APART.join(labels)
        if key == TEXT:
            return list_cell(self.view.texts[members[0]])
        if key == DECISION:
            decided = self.book.decided_among(members)
            return f"{decided}/{len(members)}" if decided else ""
        return ""

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        if key == SIZE:
            return np.asarray([len(self.sets[e]) for e in entries])
        if key == LABELS:
            return np.asarray([self.cell(e, LABELS) for e in entries], dtype=object).astype(str)
        if key == TEXT:
            return self.view.text_index.rank(check)[self.first_members[entries]]
        if key == DECISION:
            return np.asarray([self.book.decided_among(self.sets[e]) for e in entries])
        return entries

    def filter_mask(self, entries: np.ndarray, spec: FilterSpec, check: Check) -> np.ndarray:
        """A set matches when any of its members matches."""
        if not len(entries):
            return np.zeros(0, dtype=bool)
        lengths = np.asarray([len(self.sets[e]) for e in entries])
        rows = np.concatenate([self.sets[e] for e in entries])
        owner = np.repeat(np.arange(len(entries)), lengths)
        hit = spec.mask(rows, self.view, check)
        keep = np.zeros(len(entries), dtype=bool)
        np.logical_or.at(keep, owner, hit)
        return keep

    def is_decided(self, entry: int) -> bool:
        return self.book.decided_among(self.sets[entry]) == len(self.sets[entry])

    def decision_mark(self, entry: int) -> str:
        """'✓' when every member is decided, '~' when some are."""
        decided = self.book.decided_among(self.sets[entry])
        return "" if not decided else "✓" if decided == len(self.sets[entry]) else "~"

    def make_detail(self) -> DiffView:
        return DiffView(self.view, self.book, id="detail")

    def show_detail(self, entry: int | None) -> None:
        diff = self.query_one("#detail", DiffView)
        if entry is None:
            diff.show([])
        elif diff.members == self.entry_rows(entry):
            diff.show(diff.members, diff.selected)
        else:
            diff.show(self.entry_rows(entry))

    def empty_text(self) -> str:
        return "no near-duplicate sets"

    def why_empty(self, request: OrderRequest) -> str:
        """``f`` (conflicts only) on sets that all agree: the list said 'no near-duplicate sets'
        under the title's '0 of 161 sets (conflicts only)' (banking77 train in tmux)."""
        if request.show_all and request.spec.empty and not request.hide_decided and len(self.sets):
            return f"no set has conflicting labels ({counted_verb(len(self.sets), 'set', 'agree')}): f lists every set"
        return super().why_empty(request)

    def title_parts(self) -> list[str]:
        parts = super().title_parts()
        parts[1] = (f"{len(self.row_list.order):,} of {counted(len(self.sets), 'set')}"
                    + (" (conflicts only)" if self.show_all else ""))
        parts[2] = f"decided {self.book.decided_among(self.view.flagged(self.issue_type)):,}/{len(self.view.flagged(self.issue_type)):,} rows"
        if conflicts := int(self.conflict.sum()):
            # a conflict the decisions settled (A, k, l) is counted as such, as the pane says
            settled = 0 if self.view.multilabel is not None else sum(
                settled_label(self.view, self.book, self.sets[i]) is not None for i in np.flatnonzero(self.conflict))
            # after the counts, before a filter or 'sorting…': what a narrow bar gives up first (tui/title_fit.py)
            parts[3:3] = ([f"{conflicts - settled:,} conflicting (!)"] if conflicts > settled else []) + (
                [f"{settled:,} settled"] if settled else [])
        return parts

    def action_toggle_flagged(self) -> None:
        """``f`` here toggles: every set / conflicting sets only."""
        self.show_all = not self.show_all
        self.apply()

    # -- actions ------------------------------------------------------------------------------

    @property
    def diff(self) -> DiffView:
        """The diff of the set under the cursor.

        Keys can arrive before the cursor's Highlighted message is handled ("down x" typed
        together), so the set is taken from the cursor here, never from what was last shown.
        """
        diff = self.query_one("#detail", DiffView)
        entry = self.row_list.current_row
        members = self.entry_rows(entry) if entry is not None else []
        if diff.members != members:
            diff.show(members)
        return diff

    def target(self) -> int | None:
        return self.diff.selected_row

    def action_member(self, delta: int) -> None:
        self.diff.select(delta)
        self.refresh_bindings()  # Accept depends on the member

    def action_choose_member(self, index: int) -> None:
        """A click on a member's header (tui/widgets/diff_view.py) chooses that member."""
        if 0 <= index < len(self.diff.members):
            self.action_member(index - self.diff.selected)

    def on_row_list_sideways(self, event: RowList.Sideways) -> None:
        self.action_member(event.delta)

    def advance(self) -> None:
        if self._set_action or self.diff.selected >= len(self.diff.members) - 1:
            self.row_list.action_cursor(1)
        else:
            self.diff.select(1)

    _set_action = False  # a whole-set decision moves on to the next set, not the next member

    @contextmanager
    def whole_set(self) -> Iterator[None]:
        """A decision on every member, said in a notice: k and A decide rows the list does not
        show (a set of 30: 29 excluded by one key), and their marks alone went unnoticed."""
        self._set_action = True
        version = self.book.version
        try:
            yield
        finally:
            self._set_action = False
        if self.book.version != version and (step := self.book.undo_step(self.view.shown_names)) is not None:
            self.notify(f"whole set: {step.what} on {on_rows(step.rows)} · u undoes it", timeout=6)

    def action_keep_one(self) -> None:
        keep = self.target()
        if keep is None:
            return
        rows = self.diff.members
        # a member relabelled already keeps its relabel: 'keep' (as it is) replaced it, so an
        # accepted label went back to the given one without a word
        kept = [] if self.book.codes[keep] == RELABEL else [("keep", keep, None)]
        with self.whole_set():
            self.decide(kept + [("exclude", r, None) for r in rows if r != keep])

    def action_unify(self) -> None:
        """Give every member the selected member's label (as decided, where it was relabelled)."""
        chosen = self.target()
        if chosen is None:
            return
        ml = self.view.multilabel
        label = set_decisions.decided_set(self, chosen) if ml is not None else self.current_label(chosen)
        if label is None:  # giving the set the given label instead wrote 'keep' over this relabel
            self.notify(f"row {chosen:,} is relabelled to {self.decided_text(chosen)}, which this data does not "
                        "have: A gives only its labels (l chooses one for every member)", severity="warning", timeout=8)
            return
        with self.whole_set():
            if ml is not None:  # label sets: the member's set as decided
                set_decisions.record_sets(self, list(self.diff.members), label)
            else:
                self.relabel_rows(self.diff.members, label)

    def decided_text(self, row: int) -> str:
        """The label the row's journal relabel names, as written (drawn terminal-safe)."""
        from tui.terminal_text import terminal_safe

        decision = self.book.journal.decision(row) if self.book.journal is not None else None
        return repr(terminal_safe(str(decision.label_after))) if decision is not None else "?"

    def current_label(self, row: int) -> int | None:
        """The row's label as decided: its relabel's class (a new class's index past the classes), else the
        given one (what the set shows); None when its relabel names a label the book does not know."""
        if self.book.codes[row] != RELABEL:
            return int(self.view.given[row])
        decided = int(self.book.labels[row])
        if decided >= 0:
            return decided
        decision = self.book.journal.decision(row) if self.book.journal is not None else None
        after = getattr(decision, "label_after", None)
        return self.book.add_label(after) if after is not None and after in self.book.extra_labels else None

    def action_pick_label(self) -> None:
        """On this screen ``l`` relabels the whole set (every marked set, with marks)."""
        if self.mark_count and self.view.multilabel is None:
            self.pick_label_for_marks()
            return
        rows = list(self.diff.members)
        if not rows:
            return
        if self.view.multilabel is not None:  # one label set for every member (marks: says one at a time)

            def chosen_set(after: tuple[int, ...] | None) -> None:
                if after is not None:
                    with self.whole_set():
                        set_decisions.record_sets(self, rows, after)

            set_decisions.pick_set(self, rows, chosen_set)
            return
        self.open_set_picker(rows)

    def open_set_picker(self, rows: list[int], query: str = "") -> None:
        """The label picker for every member of the set (``query``: typed already)."""
        from tui.screens.label_picker import LabelPicker
        from tui.screens.new_class import confirm_new_class, picker_options

        def relabel(label: int) -> None:
            with self.whole_set():
                self.relabel_rows(rows, label)

        def chosen(label: int | str | None) -> None:
            if isinstance(label, str):
                confirm_new_class(self, rows, label, relabel, lambda typed: self.open_set_picker(rows, typed))
            elif label is not None:
                relabel(label)

        # '(current)': the class every member holds now, where a relabel made it so (a member kept as given counts)
        decided = [self.book.decided_label(int(row)) for row in rows]
        now = {int(self.view.given[row]) if label is None else label for row, label in zip(rows, decided)}
        shared = now.pop() if len(now) == 1 and any(label is not None for label in decided) else None
        self.app.push_screen(LabelPicker(self.view.class_names, current=int(self.view.given[rows[0]]),
                                         suggested=int(self.view.predicted[rows[0]]),
                                         suggested_note=("suggested" if self.view.backs_suggestion(rows[0])
                                                         else "top class"),
                                         title=f"Relabel all {len(rows)} members", text=self.view.texts[rows[0]],
                                         probs=self.row_probs(rows[0]), unused=self.book.extra_labels,
                                         values=self.view.value_names, decided=shared, query=query,
                                         **picker_options(self)), chosen)

    def follow(self, row: int) -> bool:
        entry = self.set_of_row.get(int(row))
        if entry is not None and self.row_list.move_to_row(entry):
            members = self.entry_rows(entry)
            self.diff.show(members, members.index(int(row)))
            return True
        return False

    def entry_of(self, row: int) -> int | None:
        return self.set_of_row.get(int(row))

    def widen(self, row: int) -> bool:
        """Every set, not only the conflicting ones (``show_all`` means conflicts only here); a
        decided set although ``d`` hides them (RowScreen.keep_listed); a set although the filter
        hides it (``:`` refused it after closing, so the key typed next acted on another set)."""
        if self.keep_listed(row):
            return True
        if self.show_all:
            self.show_all = False
            return True
        return self.list_past_filter(row)
