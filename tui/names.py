"""Class names cut to a column's width without becoming ambiguous.

Cutting at the end makes ``lost_or_stolen_card`` and ``lost_or_stolen_phone`` both
``lost_or_stolen_…``. Names are cut in the middle instead (``lost_or…en_card``), and where two
names still collide the cut moves so more of the distinguishing end is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple:
    """Sort key for class names as a person orders them: number-like names by value ('2' before
    '10'; a CSV's integer labels are text), digit runs inside names by value ('class_2' before
    'class_10'), letters regardless of case, the name itself on ties ('01' vs '1', 'A' vs 'a')."""
    name = str(name)  # the raw name (AuditView.class_names): drawn quotes never reach here
    if _NUMBER.fullmatch(name.strip()):
        return (0, float(name), name)
    parts = _DIGITS.split(name)  # text, digits, text, ...: the same type at each position
    # letters without regard to case: banking77's 'Refund_not_showing_up' among the r's, not
    # before 'activate_my_card' (capitals sort first as text)
    return (1, tuple(int(part) if i % 2 else part.casefold() for i, part in enumerate(parts)), name)


#: Zero-width joiners are part of words and pictures: Persian and Hindi words are spelled with
#: ZWNJ (U+200C, ``می‌خواهم``), emoji sequences with ZWJ (U+200D, ``👨‍👩‍👧``). Between two visible
#: characters they are drawn as they are; anywhere else they would hide at a name's edge.
_JOINERS = frozenset("\u200c\u200d")
#: Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): drawn by name (``⟨RLO⟩``),
#: never sent, in names as in texts (tui/view.py): a bidi-aware terminal would reorder the rest of
#: the line with them ("Trojan source").
BIDI_CONTROLS = {0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
                 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"}


def _visible(name: str, i: int) -> bool:
    """Whether ``name[i]`` draws as itself: printable, or a joiner between two printable non-spaces."""
    char = name[i]
    if char.isprintable():
        return True
    if char not in _JOINERS or not 0 < i < len(name) - 1:
        return False
    before, after = name[i - 1], name[i + 1]
    return before.isprintable() and not before.isspace() and after.isprintable() and not after.isspace()


def drawn_name(name: object) -> str:
    """A class name as every screen draws it: as it is (Persian, CJK, emoji and joiners
    included), or in quotes where it would look like another name or like nothing: an empty
    name, surrounding whitespace, a quote to start with (so a name spelled ``'x'`` never looks
    like a quoted ``x``), a character that draws as nothing or as a control, or a spelling that
    is not in Unicode's composed form (``'cafe\\u0301'`` beside ``café``; its combining marks
    are escaped). In the quotes
    every printable character is itself, bidi controls are named (``'x⟨RLO⟩y'``, never sent),
    every other invisible or control character is escaped as ``repr`` does (``'a\\tb'``,
    ``'card\\u200b'``). The data, the journal and the export keep the raw name."""
    name = str(name)
    composed = unicodedata.is_normalized("NFC", name)
    if (name and composed and name == name.strip() and name[0] not in "'\""
            and all(_visible(name, i) for i in range(len(name)))):
        return name
    quote = '"' if "'" in name and '"' not in name else "'"
    parts = []
    for i, char in enumerate(name):
        if char in (quote, "\\"):
            parts.append("\\" + char)
        elif not composed and unicodedata.combining(char):  # 'cafe\u0301' beside a precomposed 'café'
            parts.append(f"\\u{ord(char):04x}")
        elif _visible(name, i):
            parts.append(char)
        elif ord(char) in BIDI_CONTROLS:
            parts.append(f"\u27e8{BIDI_CONTROLS[ord(char)]}\u27e9")
        else:
            parts.append(repr(char)[1:-1])  # \t, \x1b, \u200b, \ud800
    return quote + "".join(parts) + quote


def display_order(names: Sequence[str]) -> list[int]:
    """The class indices in the order a list of classes is shown (see ``natural_key``)."""
    return sorted(range(len(names)), key=lambda i: natural_key(names[i]))


def cut_middle(name: str, width: int, tail: int | None = None) -> str:
    """``name`` in ``width`` cells: its start, '…', and its last ``tail`` characters."""
    if cell_len(name) <= width:
        return name
    if width <= 1:
        return set_cell_size(name, width)
    room = width - 1
    tail = room // 2 if tail is None else max(0, min(tail, room))
    head = set_cell_size(name, room - tail).rstrip() if room - tail else ""
    end = name[len(name) - tail:] if tail else ""
    return set_cell_size(head + ELLIPSIS + end, width)


class NameFitter:
    """Cuts the names of one set of classes so that different names stay different at a width."""

    def __init__(self, names: list[str]) -> None:
        self.names = list(dict.fromkeys(str(n) for n in names))
        self._cuts: dict[int, dict[str, str]] = {}

    def fit(self, name: str, width: int) -> str:
        if cell_len(name) <= width:
            return name
        cuts = self._cuts.get(width)
        if cuts is None:
            cuts = self._cuts[width] = self._build(width)
        return cuts.get(name) or cut_middle(name, width)

    def _build(self, width: int) -> dict[str, str]:
        """The middle cut, or the tail length that keeps the most names apart (the middle on ties)."""
        long = [n for n in self.names if cell_len(n) > width]
        if width <= 1 or not long:
            return {n: cut_middle(n, width) for n in long}
        short = {n for n in self.names if cell_len(n) <= width}
        room = width - 1
        middle = room // 2
        tails = [middle] + sorted((t for t in range(0, room + 1) if t != middle), key=lambda t: (abs(t - middle), -t))
        best: dict[str, str] | None = None
        best_distinct = -1
        for tail in tails:
            cuts = {n: cut_middle(n, width, tail) for n in long}
            values = list(cuts.values())
            distinct = len(set(values) - short)
            if distinct == len(values):
                return cuts
            if distinct > best_distinct:
                best, best_distinct = cuts, distinct
        return best or {}
