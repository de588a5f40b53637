"""Live flag thresholds: re-flag label, outlier and near-duplicate rows from the cached scores.

The audit flags a row when its score (low = worse) passes the check's own cut; here that cut is
read back as a score threshold (``engine.review.implied_threshold``) and the reviewer moves it.
Each score array is sorted once (``ScoreIndex``); a change is a binary search plus one vectorised
comparison, so lists, counts and the summary follow at once, with no re-audit.
"""

from __future__ import annotations

import numpy as np

from engine.review import THRESHOLD_TYPES, ScoreIndex, flags_at, implied_threshold
from tui.duplicate_sets import near_duplicate_sets
from tui.view import AuditView


class Thresholds:
    """The default and current threshold of each re-thresholdable check of ``view``."""

    def __init__(self, view: AuditView) -> None:
        self.view = view
        self.types = tuple(t for t in THRESHOLD_TYPES if t in view.flags and t in view.scores)
        self.original = {t: view.flags[t].copy() for t in self.types}
        self.default = {t: implied_threshold(view.scores[t], view.flags[t]) for t in self.types}
        self.current = dict(self.default)
        #: whether the audit's flags are exactly "score <= default" (multi-label's are a verdict of their own)
        self.cut = {t: self.default[t] is None or bool(np.array_equal(self.original[t], flags_at(view.scores[t], self.default[t])))
                    for t in self.types}
        self._indexes: dict[str, ScoreIndex] = {}

    def index(self, issue_type: str) -> ScoreIndex:
        """The sorted scores (built on first use: one argsort)."""
        if issue_type not in self._indexes:
            self._indexes[issue_type] = ScoreIndex(self.view.scores[issue_type])
        return self._indexes[issue_type]

    def default_count(self, issue_type: str) -> int:
        return int(self.original[issue_type].sum())

    def moved(self) -> dict[str, tuple[int, int]]:
        """The checks whose threshold was moved off the audit's own: (rows flagged now, by default)."""
        return {t: (int(self.view.flags[t].sum()), self.default_count(t)) for t in self.types
                if self.current[t] != self.default[t]}

    def threshold_for_count(self, issue_type: str, count: int) -> float | None:
        """The threshold that flags the ``count`` lowest-scored rows (None for none)."""
        index = self.index(issue_type)
        finite = int(np.count_nonzero(np.isfinite(index.sorted_scores)))
        count = max(0, min(count, finite))
        return float(index.sorted_scores[count - 1]) if count else None

    def apply(self, issue_type: str, threshold: float | None) -> int:
        """Flag ``issue_type``'s rows at ``threshold`` (None: none; the default: the audit's own
        flags back exactly). Returns the new count."""
        view = self.view
        if threshold is not None and threshold == self.default[issue_type]:
            flags = self.original[issue_type].copy()
        elif threshold is None:
            flags = np.zeros(len(view), dtype=bool)
        else:
            flags = self.index(issue_type).flags_at(threshold)
        view.flags[issue_type] = flags
        view.counts[issue_type] = int(flags.sum())
        self.current[issue_type] = threshold
        if issue_type == "near_duplicate":
            view.duplicate_sets = near_duplicate_sets(flags, self._members(flags), view.label_keys(),
                                                      view.scores["near_duplicate"])
        return view.counts[issue_type]

    def _members(self, flags: np.ndarray) -> np.ndarray:
        """Each flagged row's near-duplicates: the audit's list, else its nearest neighbour."""
        view = self.view
        members = np.empty(len(view), dtype=object)
        original = view.near_duplicate_members
        for row in np.flatnonzero(flags).tolist():
            listed = original[row] if original is not None else None
            if listed is not None and len(listed):
                members[row] = listed
            elif view.term_nearest is not None:  # --model tfidf: its nearest row on the terms, as its score
                if view.term_nearest[row] >= 0:
                    members[row] = [int(view.term_nearest[row])]
            elif view.neighbour_indices is not None:
                members[row] = [int(view.neighbour_indices[row, 0])]
        return members
