"""A text shown in at most a few lines, ending in '…' where it is cut.

The label picker showed the row's text in two lines (tcss max-height) with nothing where it was
cut: banking77 row 1,103 lost 'it asap!' and the dialog read as if the text ended there (ui38).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

ELLIPSIS = "…"


def clamped(text: str, width: int, lines: int, more: bool = False) -> str:
    """``text`` wrapped to ``width`` cells, its first ``lines`` lines; where more follows (or ``more``: the
    caller cut it already) the last line ends in '…'. ``text`` as it is where ``width`` is not known."""
    if width <= 1 or lines <= 0:
        return text
    wrapped = [line.plain.rstrip() for line in Content(text).wrap(width)]
    if len(wrapped) <= lines and not more:
        return text
    last = wrapped[lines - 1] if len(wrapped) >= lines else wrapped[-1] if wrapped else ""
    if cell_len(last) + cell_len(ELLIPSIS) > width:
        last = set_cell_size(last, width - cell_len(ELLIPSIS)).rstrip()
    return "\n".join([*wrapped[:min(lines, len(wrapped)) - 1], last + ELLIPSIS])


class ClampedText(Static):
    """A Static of ``text`` in at most ``lines`` lines, cut with '…' (see ``clamped``), anew at each width."""

    def __init__(self, text: str, lines: int = 2, more: bool = False, **kwargs) -> None:
        self.whole, self.max_lines, self.more = text, lines, more
        super().__init__(text, markup=False, **kwargs)

    def on_resize(self) -> None:
        self.update(clamped(self.whole, self.content_region.width, self.max_lines, self.more))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Clamped to the width the layout gives, before the frame is drawn (the Resize event comes after it)."""
        return len(clamped(self.whole, width, self.max_lines, self.more).split("\n")) if width > 1 else 1
