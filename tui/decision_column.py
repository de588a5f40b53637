"""The row lists' Decision column: its width is set when the screen opens and never changes with the decisions.

Its widths over time: the widest decision made (13509f6) moved the columns under the cursor at each wider relabel
(walk36: banking77 at 120 columns 22/23/12 -> 19/20/18 -> 18/19/20); from ef4e8f7 it kept, from the start, what
'→ ' and the longest class name need, beside names cut mid-word while it was empty (walk40: Given and Suggested 18 and
19 cells, 'card_payment_wrong_exch…'); from walk40 it kept its title's cells until the table's first relabel, then
took its width from the label columns (loop42: at 120 columns Given and Suggested went 23 -> 18 cells at the first
relabel, 'balance_not_…nk_transfer' -> 'balance_n…_transfer', names harder to tell apart).

Now it lends the label columns its cells past its title's ('Decision ▼', which holds '✗ excluded' and '✓ kept'
whole: DECISION_TITLE_CELLS), as walk40 made it, and takes its width back from the text (RowList._grown: ``reserve``),
the text keeping a third of the list (min_text_width), from the start: what '→ ' and the longest name need, bounded
by its own width. So the names keep the cells they open with, and no column moves as rows are decided or undone; a
decision wider than the column is cut in its middle (AuditView.fit_decision). Short names (ag_news, the demo) need
no more than the title's cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len

from tui.columns import DECISION
from tui.widgets.row_list import DECISION_LEAST, Column

#: The decisions that name no class: their cells are the least the column keeps.
PLAIN_DECISIONS = ("✗ excluded", "✓ kept")
#: What the column keeps of its own: 'Decision ▼' (a sort by it) and the plain decisions; the rest it lends.
DECISION_TITLE_CELLS = max(cell_len("Decision ▼"), *(cell_len(text) for text in PLAIN_DECISIONS))


def widest_decision(names: Iterable[str]) -> int:
    """Cells of the widest decision cell ``names`` (the classes as drawn) can make: '→ ' and the longest,
    or an exclusion (a label set's change, '→ a, b', is cut between its labels as Given's sets are)."""
    return max([cell_len(text) for text in PLAIN_DECISIONS] + [2 + cell_len(name) for name in names])


def decision_reserve(screen: Any, width: int, grow: int) -> int:
    """The cells the Decision column of label columns ``width`` cells wide, growing ``grow``, takes back from the
    text: its widest decision's, '✗ excluded' at least (DECISION_LEAST)."""
    most = width + 2 + grow  # a name's cells in a label column, and '→ '
    return max(DECISION_LEAST, min(widest_decision(screen.view.shown_names), most))


def decision_column(screen: Any, width: int, grow: int) -> Column:
    """The Decision column of a row screen whose label columns are ``width`` cells and grow ``grow``."""
    return Column(DECISION, "Decision", width + 2, drop=4, grow=grow, fit=screen.view.fit_decision, grow_late=True,
                  least=DECISION_TITLE_CELLS, reserve=decision_reserve(screen, width, grow))  # RowList._grown
