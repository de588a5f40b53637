"""The row lists' Decision column: as wide as the decisions it shows need, the rest lent to the label columns.

Empty until rows are decided, it keeps DECISION_LEAST cells ('✗ excluded' whole) and lends the label
columns the rest (RowList._grown); once the listed rows hold a wider decision ('→ pending_transfer') it
keeps that many, up to its own width and growth: a relabel read '→ pendin…fer' at 120 columns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from rich.cells import cell_len

from tui.columns import DECISION
from tui.decisions import RELABEL
from tui.widgets.row_list import DECISION_LEAST, Column


def widest_decision(book: Any, entries: np.ndarray, describe: Callable[[int], str], most: int) -> int:
    """Cells the widest decision cell among ``entries`` (rows) needs, 0 when none is decided; it stops
    looking at ``most`` (the column is never wider). A cell is drawn once per action and class; a relabel
    to a new class or a label set (no class index) once per row."""
    entries = np.asarray(entries, dtype=np.int64)
    if not len(entries):
        return 0
    codes = book.codes[entries]
    decided = codes != 0
    if not decided.any():
        return 0
    rows, codes = entries[decided], codes[decided].astype(np.int64)
    labels = book.labels[rows].astype(np.int64)
    named = (labels >= 0) | (codes != RELABEL)
    keys = codes[named] * (int(labels.max()) + 2) + labels[named] + 1
    _, first = np.unique(keys, return_index=True)
    widest = 0
    for row in np.concatenate([rows[named][first], rows[~named]]).tolist():
        widest = max(widest, cell_len(describe(row)))
        if widest >= most:
            break
    return widest


def decision_column(screen: Any, width: int, grow: int) -> Column:
    """The Decision column of a row screen whose label columns are ``width`` cells and grow ``grow``."""
    return Column(DECISION, "Decision", width + 2, drop=4, grow=grow, fit=screen.view.fit_decision,
                  grow_late=True, least=DECISION_LEAST,  # lends the label columns the rest: RowList._grown
                  need=lambda entries: widest_decision(screen.book, entries, lambda row: screen.cell(row, DECISION),
                                                       width + 2 + grow))
