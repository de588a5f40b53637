"""The cells a terminal draws a text in, for lines the engine prints aligned (``textaudit audit``'s text report).

Terminals (tmux 3.3a with glibc's wcwidth, xterm's and xterm.js's mk_wcwidth, VTE) draw a text one code point at a
time, each in the cells their table gives it. Rich's ``cell_len`` differs on three kinds, measured in tmux
(indic42, hostile41): a spacing combining mark (general category Mc: the vowel sign of 'का', 'கா') is 0 cells to
Rich and 1 to terminals (2 where East Asian wide); a skin-tone modifier is 0 to Rich and 2 to terminals; and Rich
joins a sequence after a zero-width joiner into one glyph, terminals do not. Here each code point counts on its
own, with Rich's table for the rest (CJK 2, nonspacing marks 0). No textual import (engine/ never has one); the
app's own measure is tui/mark_widths.py, which takes :func:`mark_width` from here.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Emoji skin-tone modifiers: 2 cells each to a terminal ('👍🏽' is 4), 0 to Rich.
_SKIN_TONES = range(0x1F3FB, 0x1F400)


def mark_width(code: int) -> int | None:
    """The cells a terminal gives the code point ``code`` where it is a spacing combining mark, else None."""
    char = chr(code)
    if unicodedata.category(char) != "Mc":
        return None
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """The cells a terminal draws the one code point ``char`` in."""
    from rich.cells import get_character_cell_size

    code = ord(char)
    width = mark_width(code)
    if width is not None:
        return width
    if code in _SKIN_TONES:
        return 2
    return get_character_cell_size(char)


def cells(text: str) -> int:
    """The cells a terminal draws ``text`` in (one line, no control characters): each code point's, summed."""
    if text.isascii():
        return len(text)
    return sum(char_cells(char) for char in text)
