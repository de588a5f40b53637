"""A picker's line with its probability in a column: the label picker's classes and the label-set picker's labels.

Where every name fits, a name is padded to the longest, then its probability, then its note ('exchange_rate
0.962  (suggested)'); where the longest does not (banking77's 48 cells at 50 or 80 columns), each line is its name and
note, the name cut, then the probability at the longest name's end or the line's, so the probabilities still stand in
one column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from textual.content import Content

from tui.names import ELLIPSIS

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
