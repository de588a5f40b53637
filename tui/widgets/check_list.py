"""A ``SelectionList`` whose boxes read without colour: ✓ in a chosen box, a blank in the others.

Textual draws the same ``X`` in every box and tells chosen from not by its colour alone, which
``NO_COLOR=1`` (or a monochrome terminal) turns into two shades of grey.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

CHOSEN, NOT_CHOSEN = "✓", " "  # one cell each, as Textual's "X"


class CheckList(SelectionList):
    """``SelectionList`` with the box's glyph saying whether the option is chosen."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 4:
            return strip
        inner = segments[1]
        glyph = CHOSEN if selection.value in self._selected else NOT_CHOSEN
        segments[1] = Segment(glyph, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
