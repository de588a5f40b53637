"""Spacing combining marks (general category Mc) measured as terminals draw them.

Rich (Textual's measure of every cell) counts a spacing mark as 0 cells: its tables follow the Python wcwidth
library, which gives Mc, Mn and Me all 0. Terminals give a spacing mark a cell of its own: glibc's wcwidth (tmux
3.3a, measured with its cursor: 'का' U+0915 U+093E, 'কা', 'கா', 'कः' 2 cells, Rich 1), xterm's (Markus Kuhn's
wcwidth: only Mn, Me and Cf are 0; xterm.js, the served app's terminal, ships that table) and VTE's (GLib's
g_unichar_iszerowidth: Mn, Me, Cf). A Hindi, Bengali, Tamil or Sinhala row was drawn one cell wider per such mark
than Textual laid it out: the columns after the text moved right and the line ran past the screen's edge. The other
classes agree (Rich and tmux measured alike): nonspacing marks (virama, anusvara, Thai vowel and tone marks) and
enclosing marks 0, Thai SARA AM U+0E33 1, Hangul jamo vowels and finals 0.

Rich has no public hook for one character's width; :func:`count_spacing_marks` wraps ``rich.cells.load_cell_table``
(where Rich 15 reads its width table; the guard is that table's shape) so that the table gives each Mc code point
the terminal's width (2 where its East Asian width is wide, as U+302E, else 1), then checks the result. Another Rich
version, or a failed check, leaves Rich as it was. The data, the filter and the export keep every character; only
the measure changes. Terminals that measure grapheme clusters (kitty, WezTerm, Ghostty with mode 2027) may draw
'का' in 1 cell: those are not what tmux, xterm and VTE do.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from engine.terminal_cells import mark_width

#: The fields of rich.cells.CellTable where Rich (15) reads its width table through ``load_cell_table``.
CELL_TABLE_FIELDS = ("unicode_version", "widths", "narrow_to_wide")

_MARKED = "_textaudit_spacing_marks"


def with_marks(widths: Any) -> list[tuple[int, int, int]]:
    """Rich's sorted (first, last, cells) ranges with each spacing mark at :func:`mark_width` (a code point in no
    range is 1 cell to Rich)."""
    table: list[tuple[int, int, int]] = []
    for first, last, cells in widths:
        if cells != 0:
            table.append((first, last, cells))
            continue
        start = first
        for code in range(first, last + 1):
            width = mark_width(code)
            if width is None:
                continue
            if start < code:
                table.append((start, code - 1, 0))
            if width != 1:
                table.append((code, code, width))
            start = code + 1
        if start <= last:
            table.append((start, last, 0))
    return table


def _clear_caches(cells: Any) -> None:
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
    from rich.segment import Segment

    split = Segment.__dict__.get("_split_cells")  # an lru_cache of cut segments, keyed by their text
    if split is not None and hasattr(getattr(split, "__func__", None), "cache_clear"):
        split.__func__.cache_clear()


def count_spacing_marks() -> bool:
    """Make Rich measure each spacing combining mark as terminals draw it (see the module's docstring); True where
    Rich measures so now, False where this Rich version is left as it is."""
    import rich.cells as cells

    load = getattr(cells, "load_cell_table", None)
    if load is None or getattr(getattr(cells, "CellTable", None), "_fields", None) != CELL_TABLE_FIELDS:
        return False  # Rich 14 and older read another table (rich._cell_widths)
    if getattr(load, _MARKED, False):
        return True

    @cache
    def marked_table(unicode_version: str = "auto") -> Any:
        table = load(unicode_version)
        return table._replace(widths=with_marks(table.widths))

    setattr(marked_table, _MARKED, True)
    marked_table.unmarked = load  # type: ignore[attr-defined]  # Rich's own, for a test to compare
    cells.load_cell_table = marked_table
    _clear_caches(cells)
    try:
        ok = cells.cell_len("\u0915\u093e") == 2 and cells.cell_len("\u0915\u094d\u0937 a\u0301") == 4
    except Exception:  # noqa: BLE001 - a Rich whose tables differ: measure as it did
        ok = False
    if not ok:
        cells.load_cell_table = load
        _clear_caches(cells)
    return ok
