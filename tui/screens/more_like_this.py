"""More like this: the rows nearest to one row (or to a typed ``~text``), by exact cosine search
over the audit's vectors, with their labels and the checks that flag them.

A row screen, so marks, bulk decisions, the filter, the detail pane and undo work as everywhere:
mark the rows that share the problem, then one ``a``, ``l``, ``x`` or ``o``.
"""

from __future__ import annotations

import numpy as np
from textual.widget import Widget

from tui.columns import FLAGS, GIVEN, RANK, SIM, TEXT
from tui.decisions import DecisionBook
from tui.screens.row_screen import RowScreen, format_score
from tui.text_index import Check
from tui.view import AuditView, counted
from tui.widgets.parts_label import SEPARATOR, PartsLabel
from tui.decision_column import decision_column
from tui.widgets.row_list import Column

#: One letter per issue type for the Flags column (the detail pane spells them out).
FLAG_LETTERS = {"label": "L", "outlier": "O", "near_duplicate": "D", "class_imbalance": "C",
                "underperforming_group": "U", "null": "∅"}
#: What each letter stands for, in the line above the list.
FLAG_NAMES = {"label": "label issue", "outlier": "outlier", "near_duplicate": "near-duplicate",
              "class_imbalance": "class imbalance", "underperforming_group": "underperforming group",
              "null": "empty text"}
SIMILAR = "similar"  # the issue type this screen records its decisions under (but see recorded_type)


def flag_letters(view: AuditView, row: int) -> str:
    return "".join(letter for name, letter in FLAG_LETTERS.items()
                   if name in view.flags and view.flags[name][row])


class MoreLikeThisScreen(RowScreen):
    """``rows`` (best first) with a value each: their cosine similarity ``sims`` to the source,
    or (``value_title="New"``) another number such as a re-audit's score. ``recorded_type``: the
    issue type the journal records decisions under (a re-audit's newly flagged rows of a type:
    that type; they were recorded as 'similar', which no screen of the audit lists)."""

    issue_type = SIMILAR
    default_sort = (RANK, False)

    def __init__(self, view: AuditView, book: DecisionBook, rows: np.ndarray, sims: np.ndarray,
                 caption: str, value_title: str = "Sim", recorded_type: str | None = None) -> None:
        super().__init__(view, book, SIMILAR)
        self.recorded_type = recorded_type
        self.value_title = value_title
        self.rows = np.asarray(rows, dtype=np.int64)
        self.rank = np.full(len(view), len(self.rows), dtype=np.int64)
        self.rank[self.rows] = np.arange(len(self.rows))
        self.sims = np.full(len(view), np.nan, dtype=np.float64)
        self.sims[self.rows] = sims
        self.title = caption

    def make_detail(self) -> Widget:
        pane = super().make_detail()
        if self.value_title == "New":  # a re-audit's newly flagged rows (tui/app_review.open_newly_flagged)
            pane.why_text = self.newly_flagged_why
        return pane

    def newly_flagged_why(self, row: int) -> str:
        """The Why line of a newly flagged row: it read 'Listed for its similarity; no check flags it'
        (ui29, banking77 test after R, enter on Label issues), the pane being the first audit's."""
        value = self.sims[row]
        score = "" if np.isnan(value) else f" ({self.recorded_type} score {format_score(value)})"
        return (f"The re-audit with the corrections flags it{score}; the first audit did not, and these "
                "lines are the first audit's.")

    def columns(self) -> list[Column]:
        width, grow = self.label_width(), self.label_growth()
        ml = self.view.multilabel
        return [
            Column(SIM, self.value_title, 7 if self.value_title != "Sim" else 5, right=True, drop=3),
            Column(TEXT, "Text"),
            # label sets cut between labels, with how many are left out (MultiLabelView.fit), as on the
            # other row screens: 'culture::…nverting' for a set of six (Debian debtags, 50x16, ui33)
            Column(GIVEN, "Given", width, drop=1, grow=grow, fit=ml.fit if ml is not None else self.view.names.fit),
            Column(FLAGS, "Flags", 5, drop=2),
            decision_column(self, width, grow),  # lends past its title; its width back from the text, from the start
        ]

    def entries(self, show_all: bool | None = None) -> np.ndarray:
        return self.rows

    def cell(self, row: int, key: str) -> str:
        if key == SIM:
            value = self.sims[row]
            return "" if np.isnan(value) else format_score(value) if self.value_title != "Sim" else f"{value:.3f}"
        if key == FLAGS:
            return flag_letters(self.view, row)
        return super().cell(row, key)

    def sort_values(self, key: str, entries: np.ndarray, check: Check) -> np.ndarray:
        if key in (SIM, RANK):
            return self.rank[entries]
        if key == FLAGS:
            return np.asarray([flag_letters(self.view, int(r)) for r in entries], dtype=object).astype(str)
        return super().sort_values(key, entries, check)

    def title_parts(self) -> list[str]:
        decided = self.book.decided_among(self.rows)
        parts = [self.title, f"{len(self.row_list.order):,} of {counted(len(self.rows), 'row')}",
                 f"decided {decided:,}"]
        if not self.spec.empty:
            parts.append(f"filter: {self.filter_query}"
                         + (f" but row {self._past_filter[1]:,}" if self._past_filter is not None else ""))
        return parts

    def verdict(self) -> str:
        """The Flags column's letters that occur in this list, spelled out (a new user met a
        column of 'L' and 'D' that nothing on the screen explained)."""
        flags = self.view.flags
        present = [name for name in FLAG_LETTERS if name in flags and bool(flags[name][self.rows].any())]
        return ("Flags: " + " · ".join(f"{FLAG_LETTERS[name]} {FLAG_NAMES[name]}" for name in present)
                if present else "")

    def make_verdict(self, text: str) -> Widget:
        """The legend breaks between its letters, never inside one ('· ∅' / 'empty text' at 60 columns)."""
        return PartsLabel(text.split(SEPARATOR), id="verdict")

    def empty_text(self) -> str:
        return "no similar rows"

    def action_toggle_flagged(self) -> None:
        self.notify("this list is the nearest rows; f does not apply here", timeout=2)

    def can_show(self, row: int) -> bool:
        return bool(self.rank[row] < len(self.rows))

    def cannot_list(self, row: int) -> str | None:
        """It said 'row 3 is not on this screen (it is in no near-duplicate set)' after closing."""
        if self.can_show(row):
            return None
        return f"row {row:,} is not among the {counted(len(self.rows), 'row')} of this list ({self.title})"

    def entry_of(self, row: int) -> int | None:
        return int(row) if self.can_show(row) else None

    def widen(self, row: int) -> bool:
        return self.keep_listed(row) or self.list_past_filter(row)
