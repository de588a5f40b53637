"""Review logic over an audit result: confusions, live thresholds, similar rows, audit deltas.

Pure functions over arrays and issue frames (no Textual, no model): the CLI (``audit
--apply-journal``) and the screens share them. Every function is vectorised numpy, so it stays
interactive on a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

#: Issue types whose per-row score a reviewer can re-threshold (lower score = more severe).
THRESHOLD_TYPES = ("label", "outlier", "near_duplicate")


# ----------------------------------------------------------------------------- confusions
@dataclass(frozen=True)
class Confusion:
    """Flagged rows that share a given class and a suggested class (either may be None)."""

    given: int | None
    suggested: int | None
    rows: np.ndarray  # int64 row indices, ascending

    @property
    def count(self) -> int:
        return int(len(self.rows))


def _group_rows(keys: np.ndarray, rows: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(key, rows with that key) for each distinct key, by count descending, then key."""
    if not len(rows):
        return []
    order = np.argsort(keys, kind="stable")  # stable: rows stay ascending within a key
    sorted_keys = keys[order]
    unique, starts, counts = np.unique(sorted_keys, return_index=True, return_counts=True)
    groups = [(int(k), rows[order[s:s + c]]) for k, s, c in zip(unique, starts, counts)]
    groups.sort(key=lambda g: (-len(g[1]), g[0]))
    return groups


def confusion_pairs(given: np.ndarray, suggested: np.ndarray, flags: np.ndarray) -> list[Confusion]:
    """Flagged rows grouped by (given class, suggested class), largest group first.

    ``given`` and ``suggested`` are class indices per row, ``flags`` the rows to count (for
    example ``is_label_issue``). A flagged row whose suggestion equals its label still counts,
    under the pair (c, c)."""
    given, suggested = np.asarray(given, dtype=np.int64), np.asarray(suggested, dtype=np.int64)
    rows = np.flatnonzero(np.asarray(flags, dtype=bool))
    n_classes = int(max(given.max(initial=-1), suggested.max(initial=-1))) + 1
    keys = given[rows] * n_classes + suggested[rows]
    return [Confusion(k // n_classes, k % n_classes, r) for k, r in _group_rows(keys, rows)]


def confusions_by_given(given: np.ndarray, flags: np.ndarray) -> list[Confusion]:
    """Flagged rows grouped by their given class alone, largest first."""
    rows = np.flatnonzero(np.asarray(flags, dtype=bool))
    keys = np.asarray(given, dtype=np.int64)[rows]
    return [Confusion(k, None, r) for k, r in _group_rows(keys, rows)]


def confusions_by_suggested(suggested: np.ndarray, flags: np.ndarray) -> list[Confusion]:
    """Flagged rows grouped by their suggested class alone, largest first."""
    rows = np.flatnonzero(np.asarray(flags, dtype=bool))
    keys = np.asarray(suggested, dtype=np.int64)[rows]
    return [Confusion(None, k, r) for k, r in _group_rows(keys, rows)]


def confusion_matrix(given: np.ndarray, suggested: np.ndarray, flags: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts of flagged rows: [given, suggested]."""
    rows = np.asarray(flags, dtype=bool)
    keys = np.asarray(given, dtype=np.int64)[rows] * n_classes + np.asarray(suggested, dtype=np.int64)[rows]
    return np.bincount(keys, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def result_confusions(result: Any) -> list[Confusion]:
    """Class pairs given -> suggested of an audit result's label issues."""
    issues = result.output.issues
    if "is_label_issue" not in issues:
        return []
    suggested = np.argmax(result.pred_probs, axis=1)
    return confusion_pairs(result.dataset.labels, suggested, issues["is_label_issue"].to_numpy(dtype=bool))


# ----------------------------------------------------------------------------- thresholds
@dataclass
class ScoreIndex:
    """One issue type's scores sorted once, so any threshold gives its rows by a binary search.

    Lower scores are more severe (cleanlab's convention); a row is flagged at threshold ``t``
    when its score is ``<= t``. NaN scores are never flagged."""

    scores: np.ndarray
    order: np.ndarray = field(init=False)  # rows by score ascending, NaN last
    sorted_scores: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.scores = np.asarray(self.scores, dtype=np.float64)
        self.order = np.argsort(self.scores, kind="stable")
        self.sorted_scores = self.scores[self.order]

    def count_at(self, threshold: float) -> int:
        """Rows flagged at ``threshold``."""
        return int(np.searchsorted(self.sorted_scores, threshold, side="right"))

    def rows_at(self, threshold: float) -> np.ndarray:
        """Rows flagged at ``threshold``, most severe first."""
        return self.order[: self.count_at(threshold)]

    def flags_at(self, threshold: float) -> np.ndarray:
        """A boolean array: flagged at ``threshold``."""
        return flags_at(self.scores, threshold)

    def histogram(self, bins: int = 20) -> tuple[np.ndarray, np.ndarray]:
        """Counts and bin edges of the finite scores (for a terminal histogram)."""
        finite = self.sorted_scores[np.isfinite(self.sorted_scores)]
        return np.histogram(finite, bins=bins)


def flags_at(scores: np.ndarray, threshold: float) -> np.ndarray:
    """Rows whose score is at or below ``threshold`` (NaN never)."""
    return np.asarray(scores) <= threshold  # NaN compares False


def implied_threshold(scores: np.ndarray, flags: np.ndarray) -> float | None:
    """The audit's own cut as a score threshold: the highest score among its flagged rows
    (None when nothing is flagged). At this threshold ``flags_at`` gives back the audit's
    flags whenever they are exactly its lowest-scored rows."""
    flagged = np.asarray(scores, dtype=np.float64)[np.asarray(flags, dtype=bool)]
    flagged = flagged[np.isfinite(flagged)]
    return float(flagged.max()) if flagged.size else None


def score_indexes(issues: pd.DataFrame) -> dict[str, ScoreIndex]:
    """A ScoreIndex for each re-thresholdable issue type present in an issue frame."""
    return {name: ScoreIndex(issues[f"{name}_score"].to_numpy()) for name in THRESHOLD_TYPES
            if f"{name}_score" in issues}


def flags_at_thresholds(issues: pd.DataFrame, thresholds: dict[str, float]) -> dict[str, np.ndarray]:
    """Flags recomputed from an issue frame's cached scores at new thresholds, per issue type."""
    unknown = [name for name in thresholds if name not in THRESHOLD_TYPES]
    if unknown:
        raise ValueError(f"cannot re-threshold {', '.join(unknown)}; only {', '.join(THRESHOLD_TYPES)}")
    return {name: flags_at(issues[f"{name}_score"].to_numpy(), t) for name, t in thresholds.items()}


# ----------------------------------------------------------------------------- more like this
class SimilarityIndex:
    """Exact cosine search over an audit's vectors (one matrix-vector product per query)."""

    def __init__(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1)
        if not np.allclose(norms, 1.0, atol=1e-3):
            norms[norms == 0] = 1.0
            vectors = vectors / norms[:, None]  # a copy only when the vectors are not unit-norm
        self.vectors = vectors

    def __len__(self) -> int:
        return len(self.vectors)

    def query(self, vector: np.ndarray, k: int, exclude: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` rows most similar to ``vector`` (rows, cosine similarities), best first."""
        vector = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        sims = self.vectors @ (vector / norm if norm else vector)
        if exclude is not None:
            sims[exclude] = -np.inf
        k = max(0, min(k, len(sims) - (exclude is not None)))
        if k == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        top = top[np.lexsort((top, -sims[top]))]  # best first; ties by row
        return top.astype(np.int64), sims[top]

    def like_row(self, row: int, k: int = 50) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` rows most similar to ``row`` (itself left out)."""
        if not 0 <= row < len(self.vectors):
            raise IndexError(f"row {row} is outside 0..{len(self.vectors) - 1}")
        return self.query(self.vectors[row], k, exclude=row)


def more_like_this(index: SimilarityIndex, row: int, *, labels: np.ndarray, class_names: list[str],
                   issues: pd.DataFrame | None = None, k: int = 50) -> pd.DataFrame:
    """A row's nearest rows: row, similarity, given label and the issue types that flag each."""
    rows, sims = index.like_row(row, k)
    names = np.asarray(class_names, dtype=object)
    table = pd.DataFrame({"row": rows, "similarity": sims, "given_label": names[np.asarray(labels)[rows]]})
    flagged: list[list[str]] = [[] for _ in rows]
    if issues is not None:
        for column in issues.columns:
            if column.startswith("is_") and column.endswith("_issue"):
                hits = issues[column].to_numpy(dtype=bool)[rows]
                for i in np.flatnonzero(hits):
                    flagged[i].append(column[3:-6])
    table["flagged"] = flagged
    return table


# ----------------------------------------------------------------------------- audit delta
def issue_flag_columns(issues: pd.DataFrame) -> dict[str, np.ndarray]:
    """Issue type -> boolean flags, for every ``is_<type>_issue`` column."""
    return {c[3:-6]: issues[c].to_numpy(dtype=bool) for c in issues.columns
            if c.startswith("is_") and c.endswith("_issue")}


def flags_before_after(before: pd.DataFrame, after: pd.DataFrame,
                       after_rows: np.ndarray) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Per issue type of either frame: its flags on the rows of ``before`` (``was``), and on the
    same rows after (``now``; a row absent from ``after`` is not flagged there). ``after_rows``
    as for :func:`audit_delta`."""
    n = len(before)
    before_flags, after_flags = issue_flag_columns(before), issue_flag_columns(after)
    for name in dict.fromkeys([*before_flags, *after_flags]):
        was = before_flags.get(name, np.zeros(n, dtype=bool))
        now = np.zeros(n, dtype=bool)
        if name in after_flags:
            now[after_rows] = after_flags[name]
        yield name, was, now


def audit_delta(before: pd.DataFrame, after: pd.DataFrame, after_rows: np.ndarray, *,
                before_labels: np.ndarray | None = None, after_labels: np.ndarray | None = None,
                class_names_before: list[str] | None = None,
                class_names_after: list[str] | None = None, decided: np.ndarray | None = None) -> dict[str, Any]:
    """What changed between two audits' issue frames, rows matched by original position.

    ``after_rows[i]`` is the row of ``before`` that row ``i`` of ``after`` came from (rows
    excluded by the corrections are absent). Per issue type: ``resolved`` (flagged before, not
    after, or removed; ``resolved_by_removal`` of them removed), ``remaining`` (flagged in both),
    ``new`` (flagged only after), with the original rows of ``new``. With labels, ``by_class``
    counts resolved by the class before and remaining/new by the class after. With ``decided`` (the
    rows of ``before`` the journal holds a decision for): ``resolved_decided``, the resolved rows
    someone decided (the rest were no longer flagged with no decision: the new audit's own cut),
    per type and per class, and ``remaining_decided``, the remaining rows someone decided (kept as they
    are, or a near-duplicate relabelled: the new audit flags them still)."""
    after_rows = np.asarray(after_rows, dtype=np.int64)
    n = len(before)
    decided_mask = None
    if decided is not None:
        decided_mask = np.zeros(n, dtype=bool)
        decided_mask[np.asarray(decided, dtype=np.int64)] = True
    present = np.zeros(n, dtype=bool)
    present[after_rows] = True
    labels_after_full = None
    if after_labels is not None and class_names_after is not None:
        labels_after_full = np.full(n, -1, dtype=np.int64)
        labels_after_full[after_rows] = after_labels
    delta: dict[str, Any] = {}
    for name, was, now in flags_before_after(before, after, after_rows):
        resolved, remaining, new = was & ~now, was & now, ~was & now
        entry: dict[str, Any] = {
            "before": int(was.sum()), "after": int(now.sum()),
            "resolved": int(resolved.sum()), "resolved_by_removal": int((was & ~present).sum()),
            "remaining": int(remaining.sum()), "new": int(new.sum()),
            "new_rows": np.flatnonzero(new).tolist(),
        }
        if decided_mask is not None:
            entry["resolved_decided"] = int((resolved & decided_mask).sum())
            entry["remaining_decided"] = int((remaining & decided_mask).sum())
        if before_labels is not None and class_names_before is not None and labels_after_full is not None:
            entry["by_class"] = _by_class(resolved, remaining, new, np.asarray(before_labels), labels_after_full,
                                          class_names_before, class_names_after or [],
                                          None if decided_mask is None else resolved & decided_mask)
        delta[name] = entry
    return delta


def _by_class(resolved: np.ndarray, remaining: np.ndarray, new: np.ndarray, labels_before: np.ndarray,
              labels_after: np.ndarray, names_before: list[str], names_after: list[str],
              resolved_decided: np.ndarray | None = None) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    kinds = [("resolved", resolved, labels_before, names_before),
             ("remaining", remaining, labels_after, names_after),
             ("new", new, labels_after, names_after)]
    if resolved_decided is not None:
        kinds.append(("resolved_decided", resolved_decided, labels_before, names_before))
    empty = {"resolved": 0, "remaining": 0, "new": 0} | ({} if resolved_decided is None else {"resolved_decided": 0})
    for kind, mask, labels, names in kinds:
        counts = np.bincount(labels[mask], minlength=len(names)) if mask.any() else np.zeros(len(names), int)
        for c in np.flatnonzero(counts):
            table.setdefault(str(names[c]), dict(empty))[kind] = int(counts[c])
    return dict(sorted(table.items()))
