"""Option lists whose highlighted option carries a ▶ in a gutter, as the row lists' cursor does.

Textual marks the highlighted option by its background alone: under ``NO_COLOR=1`` that is grey
236 on 234 (the label picker), and in a plain terminal capture nothing at all. The gutter is
reserved through ``_get_left_gutter_width``, the hook ``SelectionList`` reserves its box with.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList

from tui.widgets.check_list import CheckList

CURSOR, NO_CURSOR = "▶ ", "  "  # the row lists' cursor glyph (tui.widgets.row_list.CURSOR_GLYPH)


def option_index(strip: Strip) -> int | None:
    """The option a rendered line belongs to (OptionList stamps it into the segments' meta)."""
    for segment in strip:
        if segment.style is not None and "option" in segment.style.meta:
            return int(segment.style.meta["option"])
    return None


def with_gutter(strip: Strip, highlighted: int | None, base: Style, first: bool = True) -> Strip:
    """``strip`` after a ▶ (the highlighted option's first line) or a blank gutter; a line that is
    no option's (past the last) is full width already and comes back as it is. A wrapped option
    (a long class name with its probability and '(given, suggested)' at 80 columns) drew a ▶ on
    each of its lines, two cursors."""
    index = option_index(strip)
    if index is None:
        return strip
    glyph = CURSOR if index == highlighted and first else NO_CURSOR
    gutter = Segment(glyph, base + Style(bold=True, meta={"option": index}))
    return Strip([gutter, *strip], strip.cell_length + len(glyph))


def first_line(options: OptionList, y: int) -> bool:
    """Whether line ``y`` on screen is its option's first (Textual's OptionList keeps, per line,
    the option and the line's offset in it)."""
    try:
        return options._lines[int(options.scroll_offset.y) + y][1] == 0
    except (AttributeError, IndexError, TypeError):
        return True


class CursorOptionList(OptionList):
    """``OptionList`` with the ▶ gutter."""

    def _get_left_gutter_width(self) -> int:
        return super()._get_left_gutter_width() + len(CURSOR)

    def render_line(self, y: int) -> Strip:
        return with_gutter(super().render_line(y), self.highlighted, self.rich_style, first_line(self, y))


class CursorCheckList(CheckList):
    """``CheckList`` (✓ boxes) with the ▶ gutter before the box."""

    def _get_left_gutter_width(self) -> int:
        return super()._get_left_gutter_width() + len(CURSOR)

    def render_line(self, y: int) -> Strip:
        return with_gutter(super().render_line(y), self.highlighted, self.rich_style, first_line(self, y))
