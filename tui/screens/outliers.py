"""Outliers: rows far from every other row, most atypical first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.columns import GIVEN, NEAREST, SCORE, TEXT
from tui.screens.row_screen import RowScreen
from tui.decision_column import decision_column
from tui.widgets.row_list import Column

if TYPE_CHECKING:
    import numpy as np

    from tui.text_index import Check


class OutliersScreen(RowScreen):
    """Sorted by outlier score ascending; the detail pane's neighbours show the distance."""

    issue_type = "outlier"
    default_sort = (SCORE, False)

    def columns(self) -> list[Column]:
        width, grow = self.label_width(), self.label_growth()
        ml = self.view.multilabel  # label sets cut between labels, with how many are left out (MultiLabelView.fit)
        return [
            Column(TEXT, "Text"),
            Column(GIVEN, "Given", width, drop=1, grow=grow, fit=ml.fit if ml is not None else self.view.names.fit),
            Column(SCORE, "Score", 7, right=True, drop=2),
            Column(NEAREST, "Nearest", 9, right=True, drop=3),
            decision_column(self, width, grow),  # lends past its title; its width back from the text, from the start
        ]

    def cell(self, row: int, key: str) -> str:
        if key == NEAREST:
            distances = self.view.neighbour_distances
            return f"{distances[row, 0]:.3f}" if distances is not None else ""
        return super().cell(row, key)

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        if key == NEAREST and self.view.neighbour_distances is not None:
            return -self.view.neighbour_distances[entries, 0]
        return super().sort_values(key, entries, check)
