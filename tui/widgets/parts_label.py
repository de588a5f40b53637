"""A dialog's title: parts joined by ' · ' that break between parts where the line is too wide.

At 80 columns a dialog holds 68 cells: the label picker's 'Choose a label for row 2,711 (77
classes) · enter picks · esc cancels' (banking77) wrapped its last word, 'cancels', onto a line
of its own, and the bulk confirmation's title broke inside its keys the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from textual.geometry import Size
from textual.widgets import Label

SEPARATOR = " · "


def packed(parts: Iterable[str], width: int) -> str:
    """``parts`` joined by ' · ', a line break before a part that would not fit on the line
    (a part wider than ``width`` alone wraps by itself); one line where ``width`` is unknown."""
    parts = list(parts)
    if width <= 0:
        return SEPARATOR.join(parts)
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + SEPARATOR + part) <= width:
            lines[-1] += SEPARATOR + part
        else:
            lines.extend(_wrapped(part, width) if cell_len(part) > width else [part])
    return "\n".join(lines)


def _wrapped(part: str, width: int) -> list[str]:
    """``part`` by words, a '(...)' group kept whole where it fits a line: the picker's title at 50 columns broke
    inside its count, '... row 255 (7 classes + 1' over 'new)' (walk34). A word wider than the line is left to
    the label's own wrapping."""
    lines: list[str] = []
    for word in re.findall(r"\([^()]*\)|\S+", part):
        if lines and cell_len(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [part]


class PartsLabel(Label):
    """A Label of ``parts``, packed anew to its width (see ``packed``)."""

    def __init__(self, parts: Iterable[str], **kwargs) -> None:
        self.parts = list(parts)
        super().__init__(SEPARATOR.join(self.parts), markup=False, **kwargs)

    def on_resize(self) -> None:
        self.update(packed(self.parts, self.content_region.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Packed to the width the layout gives, before the frame is drawn: the Resize event comes
        after it. A cached reopen of the demo at 80x24 drew the summary's journal line first as
        composed (one line, wrapped by words: '... (0.0%) · R re-audits, C' / 'confusions') for
        0.1-0.3 s, then packed (ui27, ui27b: 2 of 62 tmux captures 40 ms apart)."""
        if width > 0 and (text := packed(self.parts, width)) != str(self.render()):
            self.update(text, layout=False)  # this layout pass sizes it; a second is not needed
            self.clear_cached_dimensions()
        return super().get_content_height(container, viewport, width)

    def set_parts(self, parts: Iterable[str]) -> None:
        """New ``parts``, packed to the width the label has now."""
        self.parts = list(parts)
        self.update(packed(self.parts, self.content_region.width))
