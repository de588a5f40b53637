"""Label issues of a multi-label dataset: rows whose label set the model doubts, lowest score first.

Given is the row's set (``a, b``; ``∅`` for an empty one); Suggested is the set change the audit's
per-label probabilities point to (``+missing -extra``, ``=`` when none). ``a`` accepts that
change, ``l`` opens the label-set picker (space toggles labels). With marks, ``a`` accepts each
marked row's own suggestion as one journal group; ``l`` on marks is single-label only and says so.
"""

from __future__ import annotations

import numpy as np

from tui.multilabel import MultiLabelView, record_set
from tui.screens.label_issues import LabelIssuesScreen


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
            return self.ml.suggestion_text(row)
        return super().cell(row, key)

    def sort_values(self, key: str, entries: np.ndarray, check) -> np.ndarray:
        if key in ("given", "suggested"):
            texts = np.asarray([self.cell(int(r), key) for r in entries], dtype=object)
            return np.argsort(np.argsort(texts, kind="stable"), kind="stable")
        return super().sort_values(key, entries, check)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept" and not self.mark_count:
            row = self.target()
            return True if row is not None and self.ml.has_suggestion(row) else None
        return super().check_action(action, parameters)

    def decide_set(self, row: int, after: tuple[int, ...]) -> None:
        outcome = record_set(self.book, row, after, self.issue_type, self.ml.suggested(row), self.ml.sets[row])
        if outcome.error:
            self.notify(outcome.error, severity="error", timeout=8)
            return
        self.advance()
        self.refresh_decisions()

    def action_accept(self) -> None:
        if self.mark_count:
            self.accept_marked()
            return
        row = self.target()
        if row is None:
            return
        if not self.ml.has_suggestion(row):
            self.notify("nothing to accept: every label of this row agrees with the model "
                        "(l edits the set, o keeps it)", timeout=4)
            return
        self.decide_set(row, self.ml.suggested(row))

    def accept_marked(self) -> None:
        """Each marked row takes its own suggested set: one journal group, one undo."""
        rows = [r for r in self.marked_rows() if self.ml.has_suggestion(r)]
        if not rows:
            self.notify("nothing to accept: no marked row has a suggested change", timeout=4)
            return
        if (problem := self.book._guard()) is not None:
            self.notify(problem, severity="error", timeout=8)
            return
        from engine.corrections import JournalWriteError

        entries = [("relabel", r, self.ml.display(self.ml.suggested(r))) for r in rows]
        try:
            self.book.journal.record_group(entries, issue_type=self.issue_type)
        except JournalWriteError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.book._refresh(rows)
        self.book.saved_this_session += len(rows)
        self.notify(f"accepted the suggested sets of {len(rows):,} marked rows", timeout=4)
        self.refresh_decisions()

    def action_pick_label(self) -> None:
        if self.mark_count:
            self.notify("l edits one row's label set at a time; a accepts each marked row's suggestion", timeout=5)
            return
        row = self.target()
        if row is None:
            return
        from tui.screens.label_set_picker import LabelSetPicker

        ml = self.ml

        def chosen(after: tuple[int, ...] | None) -> None:
            if after is not None:
                self.decide_set(row, after)

        self.app.push_screen(LabelSetPicker(ml.shown, ml.sets[row], ml.probs[row], missing=ml.missing[row],
                                            extra=ml.extra[row], title=f"Labels of row {row:,}"), chosen)
