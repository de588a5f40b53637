"""Lines with a line cursor: tables drawn whole and scrolled sideways, prose wrapped at the width.

The report screen (``r``) listed Datalab's report in an ``OptionList``, which wraps each option at
the list's width: pandas' example tables (banking77's label table is 131 cells wide) broke every
row into two lines at 120 columns, and every table at 80 (walk37). Here a line marked ``whole``
(a table's) is never wrapped: left/right scroll the page sideways, as ``less -S`` does, and the
cursor's ▶ stays put. Other lines (the notes) wrap at the width, under their own indent; a line marked
``fit`` (the report's 'pred_probs:') is cut to the width in its longest word, as the summary's is.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.cursor_list import CURSOR, NO_CURSOR

SIDE_STEP = 8  # cells a left/right key scrolls


class WideLines(ScrollView, can_focus=True):
    """Lines of rich ``Text``; ``highlighted`` is the cursor's line (an index into ``lines``)."""

    COMPONENT_CLASSES = {"wide-lines--cursor"}
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor(-1_000_000_000)", "First", show=False),
        Binding("end", "cursor(1_000_000_000)", "Last", show=False),
        Binding("left", "side(-1)", "Left", show=False),
        Binding("right", "side(1)", "Sideways", key_display="←→"),  # left too: one footer entry
    ]
    highlighted: reactive[int | None] = reactive(None, init=False)

    class Selected(Message):
        """A line was clicked: ``index`` is its place in ``lines``."""

        def __init__(self, widget: WideLines, index: int) -> None:
            super().__init__()
            self.widget = widget
            self.index = index

        @property
        def control(self) -> WideLines:
            return self.widget

    def __init__(self, lines: list[Text], whole: list[bool], *, fit: list[bool] | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = lines
        self.whole = whole  # per line: drawn whole (a table's), else wrapped at the width
        self.fit = fit or [False] * len(lines)  # per line: cut to the width (tui/pred_source.fit_line)
        self._width = -1  # the width the lines were laid out for
        self._shown: list[tuple[int, Strip]] = []  # per screen line: its line's index, its cells
        self._first: list[int] = []  # per line: its first screen line

    def on_mount(self) -> None:
        if self.lines:
            self.highlighted = 0

    def on_resize(self) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        """Wrap the prose at the width (the gutter and a vertical scrollbar's cells aside)."""
        width = max(10, self.content_region.width - self.styles.scrollbar_size_vertical - len(CURSOR))
        if width == self._width:
            return
        self._width = width
        console = self.app.console
        shown: list[tuple[int, Strip]] = []
        self._first = []
        for index, (line, whole, fit) in enumerate(zip(self.lines, self.whole, self.fit)):
            self._first.append(len(shown))
            if fit:  # a long --model path wrapped the report's 'pred_probs:' line (ui38b), the summary's not
                from tui.pred_source import fit_line

                line = Text(fit_line(line.plain, width), style=line.style)
            if whole or line.cell_len <= width:
                parts = [line]
            else:
                indent = len(line.plain) - len(line.plain.lstrip(" "))
                body = line[indent:]
                parts = [Text(" " * indent) + part for part in body.wrap(console, max(10, width - indent))]
            for part in parts:
                part.rstrip()
                part.no_wrap, part.end = True, ""
                shown.append((index, Strip(list(part.render(console)))))
        self._shown = shown
        widest = max((strip.cell_length for _, strip in shown), default=0)
        self.virtual_size = Size(widest + len(CURSOR), len(shown))
        self.watch_highlighted(self.highlighted)

    def screen_lines(self, index: int) -> range:
        """The screen lines (from the top of the page) that line ``index`` takes."""
        end = self._first[index + 1] if index + 1 < len(self._first) else len(self._shown)
        return range(self._first[index], end)

    def validate_highlighted(self, index: int | None) -> int | None:
        return None if index is None or not self.lines else max(0, min(len(self.lines) - 1, index))

    def watch_highlighted(self, index: int | None) -> None:
        if index is not None and self._first:  # the cursor's line in view, the sideways scroll as it is
            taken = self.screen_lines(index)
            self.scroll_to_region(Region(int(self.scroll_offset.x), taken.start, 1, len(taken)), animate=False,
                                  force=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        at = int(self.scroll_offset.y) + y
        base = self.rich_style
        if not 0 <= at < len(self._shown):
            return Strip.blank(width, base)
        index, strip = self._shown[at]
        x = int(self.scroll_offset.x)
        line = strip.crop_extend(x, x + max(0, width - len(CURSOR)), base)
        cursor = index == self.highlighted
        # the text's own segments carry no colours: drawn as they were, every report line but the
        # cursor's sat on the terminal's default background, a black or white patch as wide as its text
        # (walk42: tmux 80x24 / Chromium, demo, r: 'Dataset: ...' on colour 49 amid the screen's 233)
        line = line.apply_style(base + self.get_component_rich_style("wide-lines--cursor") if cursor else base)
        glyph = CURSOR if cursor and self._first[index] == at else NO_CURSOR  # one ▶ on a wrapped line
        gutter = Segment(glyph, base + Style(bold=True))
        return Strip([gutter, *line], width).apply_offsets(x, at)

    def action_cursor(self, step: int) -> None:
        if self.lines:
            self.highlighted = (self.highlighted or 0) + step

    def action_page(self, direction: int) -> None:
        """A page of screen lines up or down: the cursor goes to the line there."""
        if not self._shown or self.highlighted is None:
            return
        at = self._first[self.highlighted] + direction * max(1, self.scrollable_content_region.height - 1)
        self.highlighted = self._shown[max(0, min(len(self._shown) - 1, at))][0]

    def action_side(self, direction: int) -> None:
        self.scroll_to(x=self.scroll_offset.x + direction * SIDE_STEP, animate=False)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        at = int(self.scroll_offset.y) + offset.y
        if 0 <= at < len(self._shown):
            self.highlighted = self._shown[at][0]
            self.post_message(self.Selected(self, self.highlighted))
