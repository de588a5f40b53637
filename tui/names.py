"""Class names cut to a column's width without becoming ambiguous.

Cutting at the end makes ``lost_or_stolen_card`` and ``lost_or_stolen_phone`` both
``lost_or_stolen_…``. Names are cut in the middle instead (``lost_or…en_card``), and where two
names still collide the cut moves so more of the distinguishing end is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

from engine.text_notes import spells_number
from engine.wording import shown_name
from tui.terminal_text import cell_plain

ELLIPSIS = "…"
_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple:
    """Sort key for class names as a person orders them: number-like names by value ('2' before
    '10'; a CSV's integer labels are text), digit runs inside names by value ('class_2' before
    'class_10'), letters regardless of case, the name itself on ties ('01' vs '1', 'A' vs 'a')."""
    name = str(name)  # the raw name (AuditView.class_names): drawn quotes never reach here
    if spells_number(name):
        return (0, float(name), name)
    parts = _DIGITS.split(name)  # text, digits, text, ...: the same type at each position
    # letters without regard to case: banking77's 'Refund_not_showing_up' among the r's, not
    # before 'activate_my_card' (capitals sort first as text)
    return (1, tuple(int(part) if i % 2 else part.casefold() for i, part in enumerate(parts)), name)


def drawn_name(name: object, joined: bool = False) -> str:
    """A class name as every screen draws it: the rule of the engine's reports and messages (engine/wording.py
    ``shown_name``), without the characters Rich and terminals measure differently (tui/terminal_text.py
    ``cell_plain``: ZWJ, emoji variation selectors, skin-tone modifiers): a class '❤\ufe0f' (Rich 2 cells, tmux
    and xterm 1), '👍🏽' (2 and 4) or 'x\u200dy' (1 and 2) moved the class chart's bars and pushed its counts
    past the edge (hostile41); '👨👩👧 family', '❤', '👍' are drawn."""
    return cell_plain(shown_name(name, joined))


def _escaped(name: str) -> str:
    """``name`` in quotes with those characters escaped (``'❤\\ufe0f'``): for names that would draw alike."""
    shown = shown_name(name)
    if shown == name:  # every character visible: quote it as shown_name quotes
        quote = '"' if "'" in name and '"' not in name else "'"
        shown = quote + name.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    return "".join(ascii(char)[1:-1] if cell_plain(char) != char else char for char in shown)


def drawn_names(names: Sequence[object]) -> list[str]:
    """``drawn_name`` of each class; names that would then draw alike ('❤' beside '❤\ufe0f') escaped instead."""
    drawn = [drawn_name(name) for name in names]
    seen: dict[str, int] = {}
    for shown in drawn:
        seen[shown] = seen.get(shown, 0) + 1
    return [_escaped(str(name)) if seen[shown] > 1 and shown != shown_name(name) else shown
            for name, shown in zip(names, drawn)]


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
