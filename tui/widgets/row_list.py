"""A virtual row list: draws only the visible rows of a numpy-indexed table (Line API).

Textual's DataTable adds every row as Python objects (minutes and ~800 MB at a million rows);
this list holds one ``order`` array of row indices and asks a cell function for the handful of
rows on screen. Filtering and sorting swap the ``order`` array; the cursor is a position in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    """One column: ``width`` 0 means it takes the room the fixed columns leave.

    ``drop`` orders what a narrow terminal gives up: 0 is always shown, and among the others the
    highest goes first, until the flexible (text) column keeps a readable width. ``grow`` is
    how many more cells a fixed column takes on a wide terminal (long class names), as long
    as the flexible column keeps ``GROW_TEXT_SHARE`` of the width.
    """

    key: str
    title: str
    width: int = 0
    right: bool = False
    drop: int = 0
    grow: int = 0
    fit: Callable[[str, int], str] | None = None  # how a long cell is cut (default: '…' at the end)
    grow_late: bool = False  # grows only with the cells the other growing columns leave (Decision)
    least: int = 0  # a grow_late column gives those still short its cells past this many, spare or not (Decision)
    reserve: int = 0  # ... and takes as many back, up to its width, from the text while it keeps min_text_width


SORT_KEYS = 6  # 1 to 6 sort by the column drawn there (no row list draws more)
GROW_TEXT_SHARE = 0.45
DECISION_LEAST = 12  # the Decision column keeps at least these: '✗ excluded' whole (tui/decision_column.py)


def min_text_width(total: int) -> int:
    """The width the flexible column keeps before fixed columns are dropped: a third, >= 16."""
    return max(16, total // 3)


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces (a longer word is cut when
    drawn): an empty list's one line was cut at the screen's edge, at 60 columns 'nothing flagged
    here: press f to list every row by score,' and the rest gone."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


CellFn = Callable[[int, str], str]
MarkFn = Callable[[int], str]  # one glyph ('' for none) shown after the cursor mark
MarkedFn = Callable[[int], bool]  # is the entry marked for a bulk decision?

SORT_MARK = {True: " ▼", False: " ▲"}
NO_COLOR_CURSOR = Style(reverse=True)
PREFIX = 2  # cells before the first column: the cursor mark ▶ (• on a marked row) and the decision glyph
CURSOR_GLYPH, MARKED_GLYPH, MARKED_CURSOR_GLYPH = "▶", "•", "▷"


class RowList(ScrollView, can_focus=True):
    """A scrolling list of rows given by an index array; the header stays on the first line."""

    COMPONENT_CLASSES = {
        "row-list--header",
        "row-list--cursor",
        "row-list--decided",
        "row-list--marked",
        "row-list--empty",
    }
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),  # space marks a row (the screen)
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("left", "sideways(-1)", "Previous member", show=False),
        Binding("right", "sideways(1)", "Next member", show=False),
        # a column straight away, as a click on its title: 's' went through the columns in turn (Decision to Score:
        # 4 presses, loop42); the same number again reverses the sort. One line in help (the others say nothing)
        Binding("1", "sort_column(1)", "Sort by column", show=False,
                tooltip="Sort by the column drawn there, counted from the left (again: reverse), as a click on its title"),
        *(Binding(str(n), f"sort_column({n})", "", show=False) for n in range(2, SORT_KEYS + 1)),
    ]

    class Highlighted(Message):
        """The cursor moved to ``row`` (None when the list is empty)."""

        def __init__(self, row_list: RowList, row: int | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, RowList.Highlighted) and message.row_list is self.row_list

    class Sideways(Message):
        """Left/right was pressed (the near-duplicate screen picks a set member with it)."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class HeaderClicked(Message):
        """A column's title was clicked: the screen sorts by that column (again: reversed)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        columns: list[Column],
        cell: CellFn,
        mark: MarkFn | None = None,
        empty_text: str = "no rows",
        *,
        marked: MarkedFn | None = None,
        text_share: Callable[[int], float] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = columns
        # what the text keeps of ``total`` cells when fixed columns grow (a screen's own; GROW_TEXT_SHARE)
        self.text_share = text_share or (lambda total: GROW_TEXT_SHARE)
        self.cell = cell
        self.mark = mark or (lambda row: "")
        self.marked = marked or (lambda row: False)
        self.empty_text = empty_text
        self.order = np.empty(0, dtype=np.int64)
        self.cursor = 0
        self.sort_key: str | None = None
        self.sort_descending = False
        self.pending = False  # an order is being computed: an empty list says so, not "no rows"
        self.shown_keys = frozenset(c.key for c in columns)  # the columns the last drawn line had room for

    # -- data ---------------------------------------------------------------------------------

    def set_order(self, order: np.ndarray, keep_row: bool = True, position: int | None = None,
                  center: bool = False) -> None:
        """Show the rows in ``order``; keep the cursor on the same row when it is still there, or
        put it at ``position`` (clamped); ``center``: a cursor out of view is scrolled to the middle (a sort)."""
        previous = self.current_row if keep_row and position is None else None
        self.pending = False
        self.order = np.asarray(order, dtype=np.int64)
        self.cursor = max(0, min(len(self.order) - 1, position)) if position is not None else 0
        if previous is not None and len(self.order):
            hits = np.flatnonzero(self.order == previous)
            if len(hits):
                self.cursor = int(hits[0])
        self.virtual_size = Size(self.size.width, len(self.order) + 1)
        self._scroll_to_cursor(center)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_row))

    @property
    def current_row(self) -> int | None:
        if 0 <= self.cursor < len(self.order):
            return int(self.order[self.cursor])
        return None

    def move_to_row(self, row: int, center: bool = False) -> bool:
        """Put the cursor on ``row`` if the list shows it (``center``: in the middle if it was out of view)."""
        hits = np.flatnonzero(self.order == row)
        if not len(hits):
            return False
        self.move_cursor(int(hits[0]), center)
        return True

    # -- cursor -------------------------------------------------------------------------------

    @property
    def body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, position: int, center: bool = False) -> None:
        if not len(self.order):
            return
        position = max(0, min(len(self.order) - 1, position))
        if position == self.cursor:
            return
        self.cursor = position
        self._scroll_to_cursor(center)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_row))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        """The least scroll that shows the cursor; ``center``: a cursor out of view goes to the middle, the rows
        before and after it in view (a list reopened on its row, a sort: at the bottom edge, nothing after it)."""
        top = int(self.scroll_offset.y)
        body = self.body_height
        if center and not top <= self.cursor < top + body:
            self.scroll_to(y=max(0, self.cursor - body // 2), animate=False, immediate=True, force=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True, force=True)

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * self.body_height)

    def action_jump(self, where: int) -> None:
        self.move_cursor(0 if where == 0 else len(self.order) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Left/right choose a near-duplicate member: off where the screen has no members, so
        Textual's key panel (palette: Keys) no longer lists 'Previous member' on every list."""
        if action == "sideways":
            return callable(getattr(self.screen, "on_row_list_sideways", None))
        return True

    def action_sort_column(self, number: int) -> None:
        """Sort by the ``number``-th column drawn (1 the first), as a click on its title."""
        keys = self.drawn_keys()
        if number > len(keys):
            self.notify(f"no column {number} here: 1 to {len(keys)} sort by the columns drawn", timeout=3)
            return
        self.post_message(self.HeaderClicked(keys[number - 1]))

    def action_sideways(self, delta: int) -> None:
        self.post_message(self.Sideways(delta))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.order) + 1)
        self._scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:  # mouse is optional; keyboard does everything
        y = event.y
        if y == 0:
            if (key := self.column_at(event.x)) is not None:
                self.post_message(self.HeaderClicked(key))
            return
        self.move_cursor(int(self.scroll_offset.y) + y - 1)

    def column_at(self, x: int) -> str | None:
        """The key of the column drawn at cell ``x`` (with the space after it), None in the gutter."""
        columns, widths = self.layout(self.scrollable_content_region.width)
        start = PREFIX + 1  # the gutter and the space that joins it to the first column
        for column, width in zip(columns, widths):
            if start <= x <= start + width:
                return column.key
            start += width + 1
        return None

    # -- drawing ------------------------------------------------------------------------------

    def drawn_keys(self) -> list[str]:
        """The keys of the columns drawn at the current width (every column before a layout)."""
        width = self.scrollable_content_region.width
        return [c.key for c in (self.layout(width)[0] if width > 0 else self.columns)]

    def layout(self, total: int) -> tuple[list[Column], list[int]]:
        """The columns that fit in ``total`` cells and their widths.

        Fixed columns are dropped by priority until the flexible one keeps
        ``min_text_width``; what still does not fit is shrunk from the right.
        """
        shown = list(self.columns)
        while True:
            widths = self._widths(shown, total)
            flexible = [w for c, w in zip(shown, widths) if not c.width]
            droppable = [c for c in shown if c.drop]
            if not droppable or not flexible or min(flexible) >= min_text_width(total):
                return shown, self._grown(shown, widths, total, self.text_share(total))
            shown.remove(max(droppable, key=lambda c: c.drop))

    @staticmethod
    def _grown(columns: list[Column], widths: list[int], total: int, share: float = GROW_TEXT_SHARE) -> list[int]:
        """Give columns with ``grow`` the cells the text column can spare, shared out one cell at
        a time (lowest drop first): with too few for all, Given and Suggested grow alike (banking77
        at 160 columns: Given took all 18 and Suggested drew 'declined_…_payment'). A lending column
        (``least``) keeps that many and gives the label columns still short the rest; then takes back from the text
        what its ``reserve`` needs, the text keeping ``min_text_width``."""
        flexible = [i for i, c in enumerate(columns) if not c.width]
        if len(flexible) != 1:
            return widths
        text = flexible[0]
        spare = widths[text] - max(min_text_width(total), int(total * share))
        widths = list(widths)
        room = {i: c.grow for i, c in enumerate(columns) if c.grow > 0}
        for late in (False, True):  # the Decision column, empty until rows are decided, grows last
            growing = sorted((i for i in room if columns[i].grow_late is late), key=lambda i: columns[i].drop)
            while spare > 0 and growing:
                share = max(1, spare // len(growing))
                for index in list(growing):
                    add = min(share, room[index], spare)
                    widths[index] += add
                    widths[text] -= add
                    spare -= add
                    room[index] -= add
                    if not room[index]:
                        growing.remove(index)
                    if not spare:
                        break
        # the label columns are still short (the text's spare taken, or none): the Decision column lends them its
        # cells past ``least`` (its title's), a cell each in turn (tui/decision_column.py)
        short = sorted((i for i in room if room[i] and not columns[i].grow_late), key=lambda i: columns[i].drop)
        for lender in (i for i, c in enumerate(columns) if c.grow_late and c.least):
            left = max(0, widths[lender] - columns[lender].least)
            while left and short:
                for index in list(short):
                    if left:
                        widths[index] += 1
                        widths[lender] -= 1
                        room[index] -= 1
                        left -= 1
                        if not room[index]:
                            short.remove(index)
        # what the lender lent, and what its widest cell needs, comes back from the text (never below min_text_width),
        # whatever the rows hold: the label columns keep their cells when the first relabel comes, and nothing moves
        for lender in (i for i, c in enumerate(columns) if c.reserve):
            want = min(columns[lender].reserve, columns[lender].width) - widths[lender]
            take = max(0, min(want, widths[text] - min_text_width(total)))
            widths[lender] += take
            widths[text] -= take
        return widths

    @staticmethod
    def _widths(columns: list[Column], total: int) -> list[int]:
        gaps = PREFIX + len(columns)  # cursor and decision marks, then a space before each column
        fixed = sum(c.width for c in columns if c.width)
        flexible = [c for c in columns if not c.width]
        share = max(0, total - fixed - gaps) // len(flexible) if flexible else 0
        widths = [column.width if column.width else max(4, share) for column in columns]
        overflow = sum(widths) + gaps - total
        index = len(widths) - 1
        while overflow > 0 and index >= 0:
            cut = min(overflow, max(0, widths[index] - 3))
            widths[index] -= cut
            overflow -= cut
            index -= 1
        return widths

    def _line(self, texts: list[str], widths: list[int], rights: list[bool], prefix: str,
              fits: list[Callable[[str, int], str] | None] | None = None) -> str:
        parts = [set_cell_size(prefix, PREFIX)]
        for index, (text, width, right) in enumerate(zip(texts, widths, rights)):
            text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
            fit = fits[index] if fits else None
            if cell_len(text) > width and fit is not None:
                text = fit(text, width)
            if cell_len(text) > width:
                text = set_cell_size(text, max(0, width - 1)) + "…" if width > 1 else set_cell_size(text, width)
            parts.append(set_cell_size(text, width) if not right else " " * (width - cell_len(text)) + text)
        return " ".join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns, widths = self.layout(width)
        self.shown_keys = frozenset(c.key for c in columns)
        rights = [c.right for c in columns]
        base = self.rich_style
        if y == 0:
            titles = []
            for column, cells in zip(columns, widths):
                title = column.title
                if column.key == self.sort_key and cells > 1:  # a one-cell column ('!') keeps its title
                    mark = SORT_MARK[self.sort_descending]
                    if cell_len(title + mark) > cells:  # the title yields, never the mark ('Done…' hid it)
                        mark = mark.strip()
                        title = set_cell_size(title, cells - cell_len(mark))
                    title += mark
                titles.append(title)
            style = base + self.get_component_rich_style("row-list--header")
            return Strip([Segment(set_cell_size(self._line(titles, widths, rights, ""), width), style)], width)
        position = int(self.scroll_offset.y) + y - 1
        if position >= len(self.order):
            lines = wrapped("working…" if self.pending else self.empty_text, width - 2) if not len(self.order) else []
            if position < len(lines):
                style = base + self.get_component_rich_style("row-list--empty")
                return Strip([Segment(set_cell_size("  " + lines[position], width), style)], width)
            return Strip.blank(width, base)
        row = int(self.order[position])
        texts = [self.cell(row, column.key) for column in columns]
        is_cursor = position == self.cursor
        mark = self.mark(row)
        marked = self.marked(row)
        style: Style = base
        if mark:
            style += self.get_component_rich_style("row-list--decided")
        if marked:
            style += self.get_component_rich_style("row-list--marked")
        if is_cursor:
            style += self.get_component_rich_style("row-list--cursor")
            if self.app.no_color:  # greys alone may not show it: reverse video always does
                style += NO_COLOR_CURSOR
        glyph = (MARKED_CURSOR_GLYPH if marked else CURSOR_GLYPH) if is_cursor else MARKED_GLYPH if marked else " "
        text = self._line(texts, widths, rights, glyph + (mark or " "),
                          [column.fit for column in columns])
        return Strip([Segment(set_cell_size(text, width), style)], width)
