"""The row lists' Decision column: as wide as the widest decision this dataset's class names can make, fixed
when the screen opens, the rest lent to the label columns.

Its width no longer follows the decisions made (13509f6 kept the widest listed decision's cells, so the
first relabel took cells from Given and Suggested: banking77 at 120 columns went 22/23/12 -> 19/20/18 ->
18/19/20 as the user worked, cutting the names being judged shorter and moving the columns under the
cursor, walk36). It keeps, from the start, what '→ ' and the longest class name need ('✗ excluded' at
least, DECISION_LEAST), bounded by its own width and growth (the cells a label column has for a name, and
the arrow): short names (ag_news, the demo) are whole in every column; long ones (banking77) are cut alike
in Given, Suggested and Decision (18/19/20 at 120 columns). A decision wider than that (a long new class, a
label set's change) is cut in its middle (AuditView.fit_decision); the columns hold still.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len

from tui.columns import DECISION
from tui.widgets.row_list import DECISION_LEAST, Column

#: The decisions that name no class: their cells are the least the column keeps.
PLAIN_DECISIONS = ("✗ excluded", "✓ kept")


def widest_decision(names: Iterable[str]) -> int:
    """Cells of the widest decision cell ``names`` (the classes as drawn) can make: '→ ' and the longest,
    or an exclusion (a label set's change, '→ a, b', is cut between its labels as Given's sets are)."""
    return max([cell_len(text) for text in PLAIN_DECISIONS] + [2 + cell_len(name) for name in names])


def decision_column(screen: Any, width: int, grow: int) -> Column:
    """The Decision column of a row screen whose label columns are ``width`` cells and grow ``grow``."""
    most = width + 2 + grow  # a name's cells in a label column, and '→ '
    view = screen.view
    keep = max(DECISION_LEAST, min(widest_decision(view.shown_names), most))
    return Column(DECISION, "Decision", width + 2, drop=4, grow=grow, fit=view.fit_decision,
                  grow_late=True, least=keep)  # lends the label columns its cells past ``keep``: RowList._grown
