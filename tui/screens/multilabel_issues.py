"""Label issues of a multi-label dataset: rows whose label set the model doubts, lowest score first.

Given is the row's set (``a, b``; ``∅`` for an empty one); Suggested is the set change the audit's
per-label probabilities point to (``+missing -extra``, ``=`` when none). ``a`` accepts that
change, ``l`` opens the label-set picker (space toggles labels). With marks, ``a`` accepts each
marked row's own suggestion as one journal group; ``l`` on marks is single-label only and says so.
These keys work so on every row screen of label sets (tui/screens/set_decisions.py).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tui.columns import DECISION, GIVEN
from tui.decisions import RELABEL
from tui.multilabel import MultiLabelView
from tui.screens.label_issues import LabelIssuesScreen
from tui.text_index import Check
from tui.widgets.row_list import Column


WIDE_LIST = 70  # list cells from which the label sets' columns take the text's room down to a third


class MultiLabelIssuesScreen(LabelIssuesScreen):
    """The label screen for label sets."""

    def text_share(self, total: int) -> float:
        """From 70 cells, Given and Suggested grow down to the text's third (its floor before columns
        drop), not its 45%: at 120x40 on a debtags sample they stayed at 18-19 cells and first labels
        were cut in the middle ('game::…atform (+7)'); 'first label (+N)' is whole in 18 cells for 41%
        of its rows, in 22 for 86%, in 24 for 91%. At 50 columns Given alone is left and already holds one: the text keeps
        its 45% (a third took 6 of its 22 cells for Given to show the same)."""
        return 1 / 3 if total >= WIDE_LIST else super().text_share(total)

    @property
    def ml(self) -> MultiLabelView:
        return self.view.multilabel

    def longest_label(self) -> int:
        return max(12, min(40, max((len(self.ml.given_text(r)) for r in self.view.flagged("label")[:500]),
                                   default=12)))

    def columns(self) -> list[Column]:
        """The label-sets' cells cut between labels (MultiLabelView.fit), not in the middle of one."""
        fits = {GIVEN: self.ml.fit, DECISION: self.fit_decision}
        return [replace(column, fit=fits[column.key]) if column.key in fits else column for column in super().columns()]

    def fit_decision(self, text: str, width: int) -> str:
        """A Decision cell: a set decision's '→ ' kept, its change cut between labels."""
        if text.startswith("→ ") and width > 3:
            return "→ " + self.ml.fit(text[2:], width - 2)
        return self.view.fit_decision(text, width)

    def fit_suggested(self, text: str, width: int) -> str:
        """A Suggested cell cut between labels; a decided set's '→' kept."""
        return "→" + self.ml.fit(text[1:], width - 1) if text.startswith("→") and width > 2 else self.ml.fit(text, width)

    def cell(self, row: int, key: str) -> str:
        if key == "given":
            return self.ml.given_text(row)
        if key == "suggested":
            if self.book.codes[row] == RELABEL and DECISION not in self.row_list.shown_keys:
                # no Decision column (80 columns): a set decided otherwise than suggested says so here,
                # as the single-label screen does (the suggestion beside '→' read like an accept)
                return self.book.describe(row, self.view.shown_names).replace("→ ", "→", 1)
            if self.view.has_no_text(row):  # no set change (not '=': the model does not agree, it cannot judge)
                return "-"
            return self.ml.suggestion_text(row)
        return super().cell(row, key)

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        if key in ("given", "suggested"):
            texts = np.asarray([self.cell(int(r), key) for r in entries], dtype=object)
            return np.argsort(np.argsort(texts, kind="stable"), kind="stable")
        return super().sort_values(key, entries, check)
