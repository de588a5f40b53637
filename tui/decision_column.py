"""The row lists' Decision column: as narrow as its title while the table holds no relabel, as wide as the widest
decision this dataset's class names can make once it does; the rest lent to the label columns.

An empty Decision column kept 20 cells beside names cut mid-word (walk40: banking77 at 120 columns, Given and
Suggested 18/19 cells, 'card_payment_wrong_exch…'), so what it keeps follows the table's decisions (the screen's
entries, every listed row before a filter, and the rows ``f`` adds; none while ``d`` hides the decided ones), in
two states only:

- no row of the table is relabelled: the title and its sort mark, 'Decision ▼' (DECISION_TITLE_CELLS), which hold
  '✗ excluded' and '✓ kept' whole too; the label columns take the rest;
- a row is: what '→ ' and the longest class name need ('✗ excluded' at least, DECISION_LEAST), bounded by its own
  width and growth, as ef4e8f7 fixed it for every table (walk36: following the widest decision made, 13509f6, moved
  the columns under the cursor at each wider relabel: banking77 at 120 columns 22/23/12 -> 19/20/18 -> 18/19/20).

So the columns move once, at a table's first relabel (and back at its undo, or with ``d``), never with the cursor,
a filter or a sort, and never again while the table holds a relabel; a decision wider than the column is cut in its
middle (AuditView.fit_decision). Short names (ag_news, the demo) are whole in both states.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len

from tui.columns import DECISION
from tui.decisions import RELABEL
from tui.widgets.row_list import DECISION_LEAST, Column

#: The decisions that name no class: their cells are the least the column keeps.
PLAIN_DECISIONS = ("✗ excluded", "✓ kept")
#: What the column keeps while its table holds no relabel: 'Decision ▼' (a sort by it) and the plain decisions.
DECISION_TITLE_CELLS = max(cell_len("Decision ▼"), *(cell_len(text) for text in PLAIN_DECISIONS))


def widest_decision(names: Iterable[str]) -> int:
    """Cells of the widest decision cell ``names`` (the classes as drawn) can make: '→ ' and the longest,
    or an exclusion (a label set's change, '→ a, b', is cut between its labels as Given's sets are)."""
    return max([cell_len(text) for text in PLAIN_DECISIONS] + [2 + cell_len(name) for name in names])


def table_relabels(screen: Any) -> bool:
    """Whether a row of the screen's table (its entries, before a filter) is relabelled. With ``d`` on no decided
    row is listed (but one gone to with ``:``, j or a redo: HideDecided.keep_listed), so only that one counts."""
    codes = screen.book.codes
    if getattr(screen, "hide_decided", False):
        kept = screen.kept_entry()
        return kept >= 0 and bool((codes[screen.entry_rows(kept)] == RELABEL).any())
    entries = screen.entries()
    return bool(len(entries)) and bool((codes[entries] == RELABEL).any())


def decision_keeps(screen: Any, width: int, grow: int) -> int:
    """The cells the Decision column of label columns ``width`` cells wide, growing ``grow``, keeps now."""
    if not table_relabels(screen):
        return DECISION_TITLE_CELLS
    most = width + 2 + grow  # a name's cells in a label column, and '→ '
    return max(DECISION_LEAST, min(widest_decision(screen.view.shown_names), most))


def decision_column(screen: Any, width: int, grow: int) -> Column:
    """The Decision column of a row screen whose label columns are ``width`` cells and grow ``grow``."""
    return Column(DECISION, "Decision", width + 2, drop=4, grow=grow, fit=screen.view.fit_decision,
                  grow_late=True, least=decision_keeps(screen, width, grow))  # lends the rest: RowList._grown


def refit_decision_column(screen: Any) -> bool:
    """Decisions changed (or the entries, ``f``): the Decision column keeps what the table needs now. True when
    that changed (the list is drawn again)."""
    rows = screen.row_list
    for index, column in enumerate(rows.columns):
        if column.key == DECISION and column.grow_late:
            keeps = decision_keeps(screen, column.width - 2, column.grow)
            if keeps != column.least:
                rows.columns[index] = dataclasses.replace(column, least=keeps)
                rows.refresh()
                return True
    return False
