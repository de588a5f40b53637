"""The label-set picker (multi-label rows): space toggles a label, enter saves the set, esc cancels.

Each line shows a box (✓ when chosen, readable without colour), the label, its out-of-fold
probability for this row and what the audit says of it (given, likely missing, likely wrong);
the given labels start ticked. Typing filters the list: a letter typed on the list goes to the
filter line, and down or tab from it goes back to the list; space toggles the highlighted label
from either (on the filter line it typed a space the list ignored, and the set stayed as it was).
"""

from __future__ import annotations

import re
from collections import Counter

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from tui.bindings import DIALOG_PALETTE
from tui.names import ELLIPSIS, NameFitter, display_order
from tui.prob_column import prob_line
from tui.widgets.cursor_list import CursorCheckList
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel
from tui.widgets.safe_input import SafeInput


MIN_NAME = 8  # cells a label keeps where its notes would take them all (the notes are cut then)
SET_LINES = 3  # lines the chosen set may take in words under the list
HEAD_CELLS = 3  # of a label's start kept before '…' where its last part is kept whole (cut_start)
#: Where a label is cut in its start, keeping its last part whole: after its last '::' (debtags' facet::tag), else
#: its last ':' or '/', else its last space, '_', '-' or '.'.
PART_BREAKS = (re.compile("::"), re.compile("(?<!:):(?!:)|/"), re.compile(r"[\s_\-.]"))
HEAD_END = ": _-./"  # dropped from the end of the start kept ('biology::' cut to 'biology:' reads as a break)


def cut_start(name: str, width: int) -> str | None:
    """``name`` in ``width`` cells with its last part whole, cut in the start that labels of one facet share
    ('implemented-in::c' -> 'implemented…::c', 'implem…::c++'): the middle cut at 50 columns read
    '…lemented-in::c' and 'im…d-in::c++'. The strongest break (PART_BREAKS) whose last part fits: after '::'
    with at least a cell of the start ('in…::text-mode', not 'interfac…-mode'), a weaker one with HEAD_CELLS;
    None where none does (the caller's middle cut)."""
    if cell_len(name) <= width:
        return name
    for strength, pattern in enumerate(PART_BREAKS):
        starts = [match.start() for match in pattern.finditer(name) if match.start() > 0]
        if starts and (head := width - 1 - cell_len(tail := name[starts[-1]:])) >= (1 if strength == 0 else HEAD_CELLS):
            return set_cell_size(name, head).rstrip(HEAD_END) + ELLIPSIS + tail
    return None


class SetQuery(SafeInput):
    """The filter line: space is the picker's toggle, never typed (it typed an unseen space, the
    list ignored it and the set stayed as it was, while the title said 'space toggles')."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key != "space" and super().check_consume_key(key, character)


class LabelSetPicker(ModalScreen[tuple[int, ...] | None]):
    """Returns the chosen set of class indices, or None on escape."""

    AUTO_FOCUS = "#set-options"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save set", priority=True),
        Binding("slash", "search", "Search", show=False),
        # priority, and the filter line leaves it (SetQuery): the input typed it before any binding
        Binding("space", "toggle", "Toggle", show=False, priority=True),
        # from the filter line (the list binds its own): to the list, the ▶ one step on (it stayed put)
        Binding("down", "to_list(1)", show=False),
        Binding("up", "to_list(-1)", show=False),
        DIALOG_PALETTE,
    ]

    def __init__(self, names: list[str], given: tuple[int, ...], probs=None, *, missing=(), extra=(),
                 title: str = "Choose the labels") -> None:
        super().__init__()
        self.names = names
        self.given = tuple(given)
        self.probs = probs
        self.missing = set(missing)
        self.extra = set(extra)
        self.heading = title
        self.chosen: set[int] = set(given)
        self.filled = ""  # the filter the list shows
        self.shown: list[int] = []  # the labels listed, in order
        self.fitted_width: int | None = None  # the cells the prompts were cut for
        self.fitter = NameFitter(names)
        self.longest = max((cell_len(name) for name in names), default=0)  # the probabilities' column stands past it
        self._cuts: dict[int, dict[str, str]] = {}  # per width: each label too long for it, as drawn (cut)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield PartsLabel([self.heading, "space toggles", "enter saves", "/ searches", "esc cancels"])
            # select_on_focus off: the letter typed on the list (on_key) stays when the line takes the focus
            yield SetQuery(placeholder="type to filter labels", id="set-query", select_on_focus=False)
            yield CursorCheckList(id="set-options")  # ▶ at the cursor, ✓ in a chosen box: readable without colour
            # the set as it stands, in words
            yield Label(id="set-chosen", markup=False)
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def on_mount(self) -> None:
        self.fill("")
        self.show_chosen()
        self.call_after_refresh(self.refit)

    def show_chosen(self) -> None:
        """The set in words; where it would take more than ``SET_LINES`` lines, its size and change
        alone (50x16, debtags: a set of 10 labels took 6 of the dialog's lines and left the list one)."""
        from engine.multilabel import change_text

        from tui.widgets.row_list import wrapped

        chosen = tuple(sorted(self.chosen))
        members = ", ".join(self.names[i] for i in chosen) or "∅ (no label)"
        change = change_text(self.names, self.given, chosen)
        after = f"  ({change})" if change else "  (unchanged)"
        label = self.query_one("#set-chosen", Label)
        width = label.size.width
        text = f"set: {members}{after}"
        if width > 0 and len(wrapped(text, width)) > SET_LINES:
            text = f"set: {len(chosen)} labels{after}"
        label.update(text)

    def _prompt(self, index: int, width: int | None = None) -> Content:
        """The label, its probability and its note, the probabilities in a column as the label picker's (tui.prob_column:
        'refund     1.00  (likely missing)'; 'app  (p=0.72, given)' stood wherever its label ended). Where ``width``
        cells do not hold them, the note is said short ('wrong?' for 'likely wrong'), then the label is cut (apart from
        the other labels); the note stays whole: at 50x16 a debtags label ended '(p=0.01, likely …', cut where the
        audit's word on it stood. Without probabilities: the label and its note."""
        name = self.names[index]
        if self.probs is not None:
            notes = [self._notes(index, short=False), self._notes(index, short=True)]
            return prob_line(Content(name), f"{float(self.probs[index]):.2f}", notes, self.longest, width or 0,
                             lambda label, cells: Content(self.cut(label.plain, cells)), short_first=True)
        tail = self._notes(index, short=False)
        if width is not None and cell_len(name) + cell_len(tail) > width:
            tail = self._notes(index, short=True)
            if cell_len(name) + cell_len(tail) > width:
                name = self.cut(name, max(width - cell_len(tail), MIN_NAME))
        return Content(name) + Content(tail) if tail else Content(name)

    def cut(self, name: str, width: int) -> str:
        """``name`` in ``width`` cells: its last part whole (cut_start) where that stays apart from every other
        label so cut, else the fitter's cut (the tail that keeps the most labels apart)."""
        if cell_len(name) <= width:
            return name
        if (cuts := self._cuts.get(width)) is None:
            cuts = self._cuts[width] = {}
            started = {label: cut_start(label, width) for label in self.fitter.names if cell_len(label) > width}
            taken = Counter(cut for cut in started.values() if cut is not None)
            whole = {label for label in self.fitter.names if cell_len(label) <= width}
            for label, cut in started.items():
                cuts[label] = (cut if cut is not None and taken[cut] == 1 and cut not in whole
                               else self.fitter.fit(label, width))
        return cuts.get(name) or self.fitter.fit(name, width)

    def _notes(self, index: int, short: bool) -> str:
        """What the audit says of the label ('  (likely missing)', short '  (missing?)'), or '' for nothing."""
        notes = []
        if index in self.missing:
            notes.append("missing?" if short else "likely missing")
        elif index in self.extra:
            notes.append("wrong?" if short else "likely wrong")
        elif index in self.given:
            notes.append("given")
        return f"  ({', '.join(notes)})" if notes else ""

    def option_width(self) -> int | None:
        """The cells an option's prompt has beside the ▶ and its box (None before the layout)."""
        options = self.query_one("#set-options", SelectionList)
        width = options.scrollable_content_region.width - options._get_left_gutter_width()
        return width if width > 0 else None

    def refit(self) -> None:
        """The prompts cut for the list's width now (after the layout, and after a resize)."""
        width = self.option_width()
        if width == self.fitted_width:
            return
        self.fitted_width = width
        self.show_chosen()
        options = self.query_one("#set-options", SelectionList)
        for position, index in enumerate(self.shown):
            options.replace_option_prompt_at_index(position, self._prompt(index, width))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.refit)

    def order(self) -> list[int]:
        """Given and suggested labels first, then by probability (or name)."""
        first = [i for i in range(len(self.names)) if i in self.given or i in self.missing]
        rest = [i for i in display_order(self.names) if i not in first]
        if self.probs is not None:
            rest.sort(key=lambda i: -float(self.probs[i]))
        return first + rest

    def fill(self, query: str) -> None:
        self.filled = query
        options = self.query_one("#set-options", SelectionList)
        words = query.casefold().split()
        shown = self.shown = [i for i in self.order() if all(w in self.names[i].casefold() for w in words)]
        options.clear_options()
        options.add_options([Selection(self._prompt(i, self.fitted_width), i, i in self.chosen) for i in shown])
        if shown:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#set-options", SelectionList).focus()

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the list filters it, as the placeholder says (it was dropped: on 84
        labels, typing 'atm' did nothing; only '/' reached the filter line)."""
        query = self.query_one("#set-query", Input)
        if query.has_focus or not event.is_printable or not event.character or event.character in " /":
            return
        event.stop()
        event.prevent_default()
        query.focus()
        query.insert_text_at_cursor(event.character)

    def action_toggle(self) -> None:
        """Toggle the highlighted label of the list as the filter line reads now: 'fr' then space
        typed at once toggled 'refund', highlighted under 'f' before 'r' refilled the list."""
        if (query := self.query_one("#set-query", Input).value) != self.filled:
            self.fill(query)
        options = self.query_one("#set-options", SelectionList)
        if options.highlighted is not None:
            selection = options.get_option_at_index(options.highlighted)
            options.toggle(selection)
            # the set follows now, not when the list's Toggled message arrives: space and enter in one
            # terminal read saved the set without the label (a 'keep'), enter's binding ran first
            self._follow(int(selection.value), options)

    def action_to_list(self, step: int = 1) -> None:
        options = self.query_one("#set-options", SelectionList)
        options.focus()
        if options.option_count and options.highlighted is not None:
            options.highlighted = max(0, min(options.option_count - 1, options.highlighted + step))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        self._follow(int(event.selection.value), event.selection_list)

    def _follow(self, value: int, options: SelectionList) -> None:
        """The chosen set takes the list's state of ``value`` (idempotent: action_toggle and the
        Toggled message of the same toggle both come here, a mouse click only the message)."""
        if value in options.selected:
            self.chosen.add(value)
        else:
            self.chosen.discard(value)
        self.show_chosen()

    def action_search(self) -> None:
        self.query_one("#set-query", Input).focus()

    def action_save(self) -> None:
        self.dismiss(tuple(sorted(self.chosen)))

    def action_cancel(self) -> None:
        self.dismiss(None)
