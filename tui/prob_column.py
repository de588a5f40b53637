"""A picker's line with its probability in a column: the label picker's classes and the label-set picker's labels.

Where every name fits, a name is padded to the longest, then its probability, then its note ('exchange_rate
0.962  (suggested)'); where the longest does not (banking77's 48 cells at 50 or 80 columns), each line is its name and
note, the name cut, then the probability at the longest name's end or the line's, so the probabilities still stand in
one column.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from textual.content import Content

from tui.names import ELLIPSIS, cut_middle

NAME_COLUMN = 40  # before the list's width is known, names are padded up to this
MIN_NAME_CELLS = 10  # a very narrow dialog still pads the names this far
NOTE_CELLS = len("  (suggested)")  # the note a padded name still leaves room for


def cut_content(content: Content, width: int) -> Content:
    """``content`` in ``width`` cells: its start, '…' and its end (tui.names.cut_middle's halves), its styles (the
    letters a query matched) kept."""
    plain = content.plain
    if cell_len(plain) <= width:
        return content
    room = max(0, width - 1)
    head = tail = 0
    while head < len(plain) and cell_len(plain[:head + 1]) <= room - room // 2:
        head += 1
    while tail < len(plain) - head and cell_len(plain[len(plain) - tail - 1:]) <= room // 2:
        tail += 1
    return content[:head] + Content(ELLIPSIS) + (content[len(plain) - tail:] if tail else Content(""))


def apart_cuts(names: Sequence[str], width: int) -> dict[str, str]:
    """Each of ``names`` longer than ``width`` cut to it so that it reads as that name alone: in its middle, and where
    that cut starts and ends as another name does too (or is drawn alike), at the tail nearest the middle whose cut
    does not ('car…rking' where 'card…king' read as card_linking too); where none does, one drawn unlike the others."""
    names = sorted(dict.fromkeys(str(name) for name in names))
    ends = sorted(name[::-1] for name in names)  # each name backwards: those ending as a cut does, by bisection

    def run(ordered: list[str], start: str) -> tuple[int, int]:  # where the entries starting with ``start`` lie
        size = len(start)
        return (bisect_left(ordered, start, key=lambda entry: entry[:size]),
                bisect_right(ordered, start, key=lambda entry: entry[:size]))

    def readings(shown: str) -> int:  # the names starting and ending as ``shown`` does around its '…', 2 at most
        head, _, tail = shown.partition(ELLIPSIS)
        (first, last), (first_end, last_end) = run(names, head), run(ends, tail[::-1])
        # the shorter of the two runs looked through: 5,000 names sharing 'Electronics > ' each scanned the 5,000
        # (45 s a width, the picker frozen), where the ones ending alike are a few
        if last - first <= last_end - first_end:
            alike = (name for name in names[first:last] if name.endswith(tail))
        else:
            alike = (end[::-1] for end in ends[first_end:last_end] if end.endswith(head[::-1]))
        count = 0
        for name in alike:
            count += len(name) > len(head) + len(tail)
            if count == 2:  # every caller asks whether one name at most reads so
                break
        return count

    cuts = {name: cut_middle(name, width) for name in names if cell_len(name) > width}
    taken = {name for name in names if cell_len(name) <= width}
    seen: dict[str, int] = {}
    for shown in cuts.values():
        seen[shown] = seen.get(shown, 0) + 1
    room = max(0, width - 1)
    tails = sorted(range(room + 1), key=lambda tail: (abs(tail - room // 2), -tail))
    for name, shown in cuts.items():
        if seen[shown] == 1 and shown not in taken and readings(shown) <= 1:
            continue
        # the cuts not drawn for another name, nearest the middle first: made only until one reads as this name
        others = (cut for tail in tails if (cut := cut_middle(name, width, tail)) not in seen and cut not in taken)
        first = other = None
        for cut in others:
            first = cut if first is None else first
            if readings(cut) <= 1:
                other = cut
                break
        else:
            other = first if seen[shown] > 1 else None
        if other is not None:
            seen[shown] -= 1
            seen[other] = 1
            cuts[name] = other
    return cuts


def apart_cut(names: Sequence[str]) -> Callable[[Content, int], Content]:
    """A cut like :func:`cut_content` that keeps ``names`` apart at each width (:func:`apart_cuts`), the
    styles (the letters a query matched) kept: at 40 columns the label picker drew 'card_…king' for both card_linking
    and card_not_working and 'top_u…arge' for top_up_by_bank_transfer_charge and top_up_by_card_charge (banking77),
    so '(suggested)' beside one named neither."""
    made: dict[int, dict[str, str]] = {}

    def cut(content: Content, width: int) -> Content:
        plain = content.plain
        if cell_len(plain) <= width:
            return content
        if width not in made:
            made[width] = apart_cuts(names, width)
        shown = made[width].get(plain)
        if shown is None:  # not one of the names (a typed one)
            return cut_content(content, width)
        head = len(os.path.commonprefix([plain, shown]))
        end = shown[head + 1:]
        if shown[head:head + 1] != ELLIPSIS or not plain.endswith(end) or head + len(end) >= len(plain):
            return cut_content(content, width)  # padded or cropped where a wide character met the edge
        return content[:head] + Content(ELLIPSIS) + (content[len(plain) - len(end):] if end else Content(""))

    return cut


def name_cells(longest: int, width: int, prob: str) -> int:
    """The cells names are padded to: the longest name's, or what ``width`` leaves beside a probability like ``prob``
    and a note (MIN_NAME_CELLS at least); NAME_COLUMN at most while the width is not known (0)."""
    if not width:
        return min(NAME_COLUMN, longest)
    return min(longest, max(MIN_NAME_CELLS, width - cell_len(f"  {prob}") - NOTE_CELLS))


def prob_line(name: Content, prob: str, notes: Sequence[str], longest: int, width: int,
              cut: Callable[[Content, int], Content] = cut_content, short_first: bool = False) -> Content:
    """One line: ``name``, ``prob`` in the column and a note, in ``width`` cells (0: not known yet; the list's
    gutters left out). ``notes``: the note's wordings, fullest first ('  (given, suggested)', then '  (given)'; ''
    for none), the first that fits taken; ``longest``: the longest name's cells in the list; ``cut``: how a name is
    cut to a width (in its middle); ``short_first``: the wordings say the same, so a shorter one is taken before the
    name is cut ('(missing?)' for '(likely missing)'); else a note is kept while the name keeps MIN_NAME_CELLS."""
    notes = list(notes) or [""]
    cells = name_cells(longest, width, prob)
    if width and cells < longest:  # the name and its note, then the probability at the longest name's end or the line's
        before = min(longest, width - cell_len(f"  {prob}"))
        least = name.cell_length if short_first else MIN_NAME_CELLS
        note = next((note for note in notes if least + cell_len(note) <= before), notes[-1])
        gap = "  "
        if cell_len(f"{note}  {prob}") + MIN_NAME_CELLS > width:  # 40x12: 'card_lost  (suggested)' put its
            note, gap = _tight(note), " "  # probability past the width, a line of its own (walk41): one-cell gaps,
        fit = max(1, width - cell_len(f"{note}{gap}{prob}"))  # and the name cut to what the line leaves it
        name = cut(name, min(fit, max(MIN_NAME_CELLS, before - cell_len(note))))
        pad = " " * max(0, min(before, width - cell_len(gap + prob)) - name.cell_length - cell_len(note))
        return name + Content(note + pad + f"{gap}{prob}")
    middle = " " * max(0, cells - name.cell_length) + f"  {prob}"

    def fits(note: str) -> bool:
        return not width or name.cell_length + cell_len(middle) + cell_len(note) <= width

    note = next((note for note in notes if fits(note)), notes[-1])
    if not fits(note):  # the padding goes first, then the name is cut (never past the width: one line)
        middle = f"  {prob}"
        name = cut(name, max(1, width - cell_len(middle) - cell_len(note)))
    return name + Content(middle + note)


def _tight(note: str) -> str:
    """``note`` with one space before it ('  (suggested)' -> ' (suggested)'): a cell for the name."""
    return f" {note.lstrip(' ')}" if note.startswith("  ") else note
