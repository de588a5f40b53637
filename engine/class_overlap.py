"""Classes the model cannot tell apart (cleanlab's "overlapping classes").

When the labels of a few classes are mixed up among themselves (a batch annotated with the wrong
guideline, classes merged and split again at random), the cross-validated classifier learns the
mix: it spreads those rows' probability over the group, the given labels look like honest
uncertainty, and no noise model reading the probabilities can tell that from classes that truly
overlap. The label check then rightly flags none of those rows, and the audit would say nothing.
This check says it: classes the model assigns their own rows to less than half the time (against
the given labels, out of fold), grouped where one sends at least a tenth of its rows to another such
class. Only such peers group: a small class absorbed by a big one the model predicts well is class
imbalance (engine/class_lift.py), not overlap, and counting it put 12 clean classes of a Zipf-sized
banking77 subset in groups. Clean MiniLM data has no group (banking77 test, train, AG News, the
matrix's long-tail, Zipf, split and 50-class subsets); the banking77 test slice with 4 currency
classes shuffled among themselves gives one group of the 4 at 0.15-0.23 (bench/README.md,
"Overlapping classes").

Each group also says how many of its rows cleanlab's confident joint counts as another class of the group
(``likely_mislabelled``; banking77 test's shuffled currency classes: 105-119 for 131 changed labels over folds
3/4/5 x 3 seeds) and how many the label check flags (``flagged``, ``with_flags``): one reading of the group on either
of the label check's paths, and the label-issue count stays the flags' (issue 17, session 27: the guard's path flips
with the fold split there, 13 flags or 159 with ~110 inside the group; bench/README.md, session 27 (trust27)).

Written over the confusion counts rather than with cleanlab's ``find_overlapping_classes``: that
ranks class pairs by the confident joint's mass and has no threshold, where this needs a verdict
per class and groups of more than two (scipy's connected components).
"""

from __future__ import annotations

import numpy as np

from engine.noise_matrix import TINY_CLASS_ROWS

MAX_OWN_SHARE = 0.5  # a class predicted as itself for fewer of its rows than this
MIN_SENT_SHARE = 0.1  # ... joins such a class that gets at least this share of its rows


def predicted_counts(labels: np.ndarray, pred_probs: np.ndarray) -> np.ndarray:
    """(n_classes, n_classes) row counts ``[given, predicted]``: the classifier's confusions, its
    likeliest class per row (``pred_probs``' columns are the classes)."""
    labels = np.asarray(labels, dtype=np.int64)
    n_classes = np.asarray(pred_probs).shape[1]
    keys = labels * n_classes + np.asarray(pred_probs).argmax(axis=1)
    return np.bincount(keys, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def overlapping_classes(labels: np.ndarray, pred_probs: np.ndarray,
                        apart: list[int] | None = None) -> list[dict[str, object]]:
    """Groups of classes the model cannot tell apart, largest first: each ``classes`` (class
    indices, ascending), ``rows`` (rows labelled with them) and ``own_share`` (of those rows, the
    share the model assigns to their given class). Classes under ``TINY_CLASS_ROWS`` rows are left
    out: the model rarely predicts a class it barely saw, whatever its labels. So are the classes in
    ``apart``: labels that read as parents of others (engine/parent_labels.py), which their own note
    explains; grouped with a child they read as 'mixed up' (a topic label beside one of its intents)."""
    labels = np.asarray(labels, dtype=np.int64)
    n_classes = np.asarray(pred_probs).shape[1]
    if len(labels) == 0 or n_classes < 2:
        return []
    counts = predicted_counts(labels, pred_probs)
    rows = counts.sum(axis=1)
    found = []
    for members in class_groups(counts, apart):
        held = int(rows[members].sum())
        found.append({"classes": members, "rows": held,
                      "own_share": round(float(np.trace(counts[np.ix_(members, members)]) / held), 4),
                      "likely_mislabelled": mixed_up(labels, pred_probs, members)})
    return sorted(found, key=lambda group: (-group["rows"], group["classes"]))


def class_groups(counts: np.ndarray, apart: list[int] | None = None) -> list[list[int]]:
    """``overlapping_classes``' groups (class indices, ascending; two classes or more) read off ``predicted_counts``'
    ``counts``, without their figures: engine/noise_trust.py reads them too (``mixed_up_classes``)."""
    from scipy.sparse.csgraph import connected_components

    rows = counts.sum(axis=1)
    weak = np.flatnonzero((rows >= TINY_CLASS_ROWS) & (np.diag(counts) < MAX_OWN_SHARE * rows))
    weak = np.setdiff1d(weak, np.asarray(apart or [], dtype=np.int64))
    if len(weak) < 2:
        return []
    # an edge where one such class sends another at least MIN_SENT_SHARE of its rows; the groups
    # are the components (scipy's, as tui/duplicate_sets.py joins near-duplicate sets)
    sent = counts[np.ix_(weak, weak)] >= MIN_SENT_SHARE * rows[weak, None]
    _, component = connected_components(sent, directed=False)
    groups = [weak[component == label].tolist() for label in np.unique(component)]
    return [members for members in groups if len(members) >= 2]


def mixed_up(labels: np.ndarray, pred_probs: np.ndarray, members: list[int]) -> int:
    """The rows of a group that cleanlab's confident joint counts as another class of the same group: its estimate
    of the group's labels mixed up among themselves, whichever score the label check chose (banking77 test with 4
    currency classes' 160 labels shuffled, 131 changed: 105-119 over folds 3/4/5 x 3 seeds; bench/README.md,
    session 27 (trust27))."""
    from cleanlab.count import compute_confident_joint

    confident = compute_confident_joint(labels, np.asarray(pred_probs, dtype=np.float64))
    block = confident[np.ix_(members, members)]
    return int(block.sum() - np.trace(block))


def with_flags(groups: list[dict[str, object]], labels: np.ndarray, flags: np.ndarray) -> list[dict[str, object]]:
    """``groups`` each with ``flagged``: how many of its rows the label check flags (its count, whichever score)."""
    labels = np.asarray(labels, dtype=np.int64)
    return [{**group, "flagged": int(np.sum(flags & np.isin(labels, group["classes"])))} for group in groups]


def overlap_note(groups: list[dict[str, object]], n_rows: int) -> str | None:
    """The note for the groups ``overlapping_classes`` found, else None."""
    if not groups:
        return None
    classes = sum(len(group["classes"]) for group in groups)  # type: ignore[arg-type]
    held = sum(int(group["rows"]) for group in groups)  # type: ignore[arg-type]
    mixed = sum(int(group.get("likely_mislabelled", 0)) for group in groups)  # type: ignore[call-overload]
    flagged = sum(int(group.get("flagged", 0)) for group in groups)  # type: ignore[call-overload]
    which = "a group" if len(groups) == 1 else f"{len(groups)} groups"
    return (f"overlapping classes: the model cannot tell {classes} classes apart ({which}, {held:,} rows, "
            f"{held / max(n_rows, 1):.0%}): it assigns their rows to their given class less than half the time. "
            f"cleanlab's confident joint counts {mixed:,} of those rows as another class of "
            f"{'the group' if len(groups) == 1 else 'their group'} (likely mislabelled if the labels are mixed up); "
            f"the label check flags {flagged:,} of the {held:,}. "
            f"Their labels may be mixed up among them, or the classes overlap; the model's probabilities cannot tell "
            f"which, so the label check cannot single out the wrong labels there: read a sample of each class")
