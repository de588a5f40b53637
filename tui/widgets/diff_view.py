"""Near-duplicate members side by side, with a word-level diff (difflib) against the first."""

from __future__ import annotations

import difflib

import numpy as np

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.decisions import EXCLUDE, RELABEL, DecisionBook
from tui.terminal_text import CONTROL_PICTURES, cell_plain
from tui.view import AuditView
from tui.widgets.detail_pane import cut_text

INSERTED = "bold underline"
MEMBER_INDENT = "  "  # a stacked member's text under its header
REMOVED = "strike"


def word_diff(base: str, other: str, colour: bool = True) -> tuple[Text, Text]:
    """``base`` with words missing from ``other`` struck, ``other`` with new words underlined.

    Without colour (NO_COLOR) the changed words are also bracketed like ``git diff
    --word-diff``: ``[-gone-]`` and ``{+new+}``, since a terminal may not draw strike. The words are compared
    as they are and drawn without the characters Rich and terminals measure differently (``cell_plain``): '👍🏽'
    beside '👍🏿' is marked, though both draw as '👍' (diff41).
    """
    a, b = base.split(), other.split()
    left, right = Text(), Text()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            left.append(cell_plain(" ".join(a[a1:a2])) + " ")
            right.append(cell_plain(" ".join(b[b1:b2])) + " ")
            continue
        if a2 > a1:
            words = cell_plain(" ".join(a[a1:a2]))
            left.append((words if colour else f"[-{words}-]") + " ", style=REMOVED + (" red" if colour else ""))
        if b2 > b1:
            words = cell_plain(" ".join(b[b1:b2]))
            right.append((words if colour else f"{{+{words}+}}") + " ", style=INSERTED + (" green" if colour else ""))
    left.rstrip()
    right.rstrip()
    return left, right


def diffed_text(view: AuditView, row: int) -> str:
    """Row ``row``'s text as the word diff compares it: the data's own (``raw_texts``; the view's texts leave out
    what :func:`word_diff` leaves out only where it draws), cut (``cut_text``), control characters made visible as
    terminal_safe does, but every other character kept (terminal_safe drops ZWJ, VS16 and skin tones since 19a64b3)."""
    text = cut_text(str(view.texts[row] if view.raw_texts is None else view.raw_texts[row]))
    return text if text.isprintable() else text.replace("\r\n", "\n").translate(CONTROL_PICTURES)


def settled_label(view: AuditView, book: DecisionBook, members: list[int] | np.ndarray) -> str | None:
    """The one label the members left in the data have after the journal's decisions (excluded
    members aside), when a decision changed the set and they agree; else None."""
    codes = book.codes[np.asarray(members, dtype=np.int64)]
    if not codes.any():
        return None
    names = view.shown_names
    after = {names[int(view.given[row])] if code != RELABEL
             else names[label] if 0 <= (label := int(book.labels[row])) < len(names) else new_class_name(book, row)
             for row, code in zip(members, codes) if code != EXCLUDE}
    return next(iter(after)) if len(after) == 1 else "every member excluded" if not after else None


def new_class_name(book: DecisionBook, row: int) -> str:
    """The label a relabel to a class this data does not have names (the journal's), drawn as a new one:
    -1 in ``book.labels`` read as the last class (two members relabelled to two new classes 'agreed')."""
    from tui.names import drawn_name

    decision = book.journal.decision(row) if book.journal is not None else None
    return f"{drawn_name(book.new_class_shown(decision.label_after))} (new)" if decision is not None else "?"


class DiffView(VerticalScroll, can_focus=True):
    """Shows one near-duplicate set; ``selected`` is the member the set keys act on."""

    MAX_SIDE_BY_SIDE = 3

    def __init__(self, view: AuditView, book: DecisionBook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.book = book
        self.members: list[int] = []
        self.selected = 0
        self.drawn_width = 0  # the width the set was laid out for (side by side or one under another)

    def compose(self) -> ComposeResult:
        yield Static(id="diff-body", markup=False)

    def show(self, members: list[int], selected: int = 0) -> None:
        self.members = list(members)
        self.selected = max(0, min(selected, len(self.members) - 1)) if self.members else 0
        self.drawn_width = self.size.width
        self.query_one("#diff-body", Static).update(self.render_set())
        self.call_after_refresh(self.reveal_selected)

    def on_resize(self, event: events.Resize) -> None:
        """A new width lays the set out again: side by side only where the members fit."""
        if self.members and self.size.width != self.drawn_width:
            self.drawn_width = self.size.width
            self.query_one("#diff-body", Static).update(self.render_set())
            self.call_after_refresh(self.reveal_selected)

    def reveal_selected(self) -> None:
        """Scroll the selected member's header and text into view (members one under another: the
        fifth of a set of five was chosen with its text below the pane's last line)."""
        content = self.query_one("#diff-body", Static).content
        parts = list(content.renderables) if isinstance(content, Group) else []
        if len(parts) < 3 or any(isinstance(part, Table) for part in parts):  # side by side: one row
            return
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        console = self.app.console
        options = console.options.update_width(width)
        start = 1 + 2 * self.selected  # the legend, then a header and a text per member
        top = 0 if self.selected == 0 else len(console.render_lines(Group(*parts[:start]), options, pad=False))
        bottom = len(console.render_lines(Group(*parts[:start + 2]), options, pad=False))
        seen, shown = int(self.scroll_y), self.scrollable_content_region.height
        if top < seen or bottom > seen + shown:  # the least scroll that shows it, its header first
            self.scroll_to(y=top if top < seen else min(top, bottom - shown), animate=False, immediate=True)

    def select(self, delta: int) -> None:
        if self.members:
            self.show(self.members, (self.selected + delta) % len(self.members))

    @property
    def selected_row(self) -> int | None:
        return self.members[self.selected] if self.members else None

    def _header(self, index: int, row: int) -> Text:
        names = self.view.shown_names
        marker = "▶ " if index == self.selected else "  "
        # a click on a member's header chooses it, as ← → do (the screen's action_choose_member)
        header = Text(marker, style=Style(bold=True, meta={"@click": f"screen.choose_member({index})"}))
        ml = self.view.multilabel  # label sets: the whole set, not its first label
        label = ml.label_text(row) if ml is not None else names[int(self.view.given[row])]
        header.append(f"row {row:,} · {label}", style=Style(bold=True if index == self.selected else None,
                                                              meta={"@click": f"screen.choose_member({index})"}))
        decision = self.book.describe(row, names)
        if decision:
            header.append(f"  [{decision}]", style="reverse")
        return header

    def render_set(self) -> Text | Group:
        if not self.members:
            return Text("No near-duplicate set selected.", style="italic")
        view = self.view
        base_row = self.members[0]
        base_text = diffed_text(view, base_row)  # difflib on two 1 MB texts: minutes
        bodies: list[Text] = []
        colour = not self.app.no_color
        for index, row in enumerate(self.members):
            if index == 0:
                # one space a gap, as the word diff draws the others: a line break read as two (walk31)
                body = (word_diff(base_text, diffed_text(view, self.members[1]), colour)[0] if len(self.members) == 2
                        else Text(cell_plain(" ".join(base_text.split()))))
            else:
                body = word_diff(base_text, diffed_text(view, row), colour)[1]
            bodies.append(body)
        width = self.size.width or 80
        side_by_side = len(self.members) <= self.MAX_SIDE_BY_SIDE and width >= 30 * len(self.members)
        if side_by_side:
            table = Table.grid(expand=True, padding=(0, 1))
            for _ in self.members:
                table.add_column(ratio=1)
            table.add_row(*[self._header(i, r) for i, r in enumerate(self.members)])
            table.add_row(*bodies)
            return Group(self._legend(), table)
        parts = [self._legend()]
        for index, (row, body) in enumerate(zip(self.members, bodies)):
            parts.append(self._header(index, row))
            # the indent on every line the text wraps to, not its first alone (walk33, 50x16: the second
            # line of a member's text stood at the left edge, under its header, as a line of its own)
            parts.append(Padding(body, (0, 0, 0, len(MEMBER_INDENT)), expand=False))
        return Group(*parts)

    def _settled_label(self) -> str | None:
        return settled_label(self.view, self.book, self.members)

    def _legend(self) -> Text:
        ml = self.view.multilabel
        labels = {ml.label_text(r) if ml is not None else self.view.shown_names[int(self.view.given[r])]
                  for r in self.members}
        text = Text(f"{len(self.members)} members", style="bold")
        if len(labels) > 1 and (settled := self._settled_label() if ml is None else None) is not None:
            # the decisions leave every member still in the data one label (A, k, l): said so, not alarmed
            text.append(f"  given labels differ ({' / '.join(sorted(labels))}); settled by decisions: {settled}",
                        style="bold")
        elif len(labels) > 1:
            text.append("  ⚠ CONFLICTING LABELS: " + " / ".join(sorted(labels)), style="bold reverse")
        key = ("{+added+} vs first · [-missing-]" if self.app.no_color
               else "underline: added vs first · strike: missing")
        # on a line of its own where it does not fit beside the count: at 80 columns a conflicting
        # set's line broke inside it ('...close_account   underline:' / 'added vs first · strike: missing')
        width = self.scrollable_content_region.width or self.size.width
        text.append(("\n" if width and text.cell_len + 3 + len(key) > width else "   ") + key, style="italic")
        return text
