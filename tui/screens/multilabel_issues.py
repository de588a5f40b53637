"""Label issues of a multi-label dataset: rows whose label set the model doubts, lowest score first.

Given is the row's set (``a, b``; ``∅`` for an empty one); Suggested is the set change the audit's
per-label probabilities point to (``+missing -extra``, ``=`` when none). ``a`` accepts that
change, ``l`` opens the label-set picker (space toggles labels). With marks, ``a`` accepts each
marked row's own suggestion as one journal group; ``l`` on marks is single-label only and says so.
These keys work so on every row screen of label sets (tui/screens/set_decisions.py).
"""

from __future__ import annotations

import numpy as np

from tui.columns import DECISION
from tui.decisions import RELABEL
from tui.multilabel import MultiLabelView
from tui.screens.label_issues import LabelIssuesScreen
from tui.text_index import Check


class MultiLabelIssuesScreen(LabelIssuesScreen):
    """The label screen for label sets."""

    @property
    def ml(self) -> MultiLabelView:
        return self.view.multilabel

    def longest_label(self) -> int:
        return max(12, min(40, max((len(self.ml.given_text(r)) for r in self.view.flagged("label")[:500]),
                                   default=12)))

    def cell(self, row: int, key: str) -> str:
        if key == "given":
            return self.ml.given_text(row)
        if key == "suggested":
            if self.book.codes[row] == RELABEL and DECISION not in self.row_list.shown_keys:
                # no Decision column (80 columns): a set decided otherwise than suggested says so here,
                # as the single-label screen does (the suggestion beside '→' read like an accept)
                return self.book.describe(row, self.view.shown_names).replace("→ ", "→", 1)
            return self.ml.suggestion_text(row)
        return super().cell(row, key)

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        if key in ("given", "suggested"):
            texts = np.asarray([self.cell(int(r), key) for r in entries], dtype=object)
            return np.argsort(np.argsort(texts, kind="stable"), kind="stable")
        return super().sort_values(key, entries, check)
