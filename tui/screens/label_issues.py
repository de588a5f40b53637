"""Label issues: rows whose given label the model doubts, lowest label quality first."""

from __future__ import annotations

from tui.columns import SCORE
from tui.screens.row_screen import RowScreen


class LabelIssuesScreen(RowScreen):
    """Sorted by label score ascending; ``a`` takes the suggested label."""

    issue_type = "label"
    default_sort = (SCORE, False)
