"""Cross-validation folds for multi-label data by iterative stratification.

Stratifying on each set's first label (``StratifiedKFold`` on ``primary_labels``) spreads the
first labels evenly but leaves every other label to chance: a label that only ever comes second
(a rare topic on rows of a common intent) could land wholly in one test fold, so that fold's
models never saw it and scored its rows as if it could not apply.

``iterative_folds`` is Sechidis, Tsoumakas and Vlahavas (2011), "On the stratification of
multi-label data", Algorithm 1: take the label with the fewest rows still unplaced, put each of
its rows in the fold that most wants that label (then the fold that most wants rows, then one at
random), and repeat. The rarest label's m rows are dealt floor(m/k) or ceil(m/k) to each of the k
test folds, and each later label as evenly as the rows already placed with rarer labels allow, so a
label on two or more rows is in practice in every training fold. No library on this machine's
index offers it (iterative-stratification, scikit-multilearn): a pure function, a few
microseconds a row.
"""

from __future__ import annotations

import threading

import numpy as np

#: Rows placed between two looks at ``cancel`` (1M rows took 3.5 s with no look at all).
CANCEL_EVERY = 4096


def iterative_folds(targets: np.ndarray, n_splits: int, seed: int = 0,
                    cancel: threading.Event | None = None) -> np.ndarray:
    """The test fold (0..n_splits-1) of each row of the (n, K) 0/1 indicator ``targets``.

    Rows with no label go last, each to the fold that most wants rows. Deterministic for a
    ``seed``: rows are visited in one seeded random order and ties between folds and between
    equally rare labels are broken from the same generator. ``cancel`` set: raises ``Cancelled``
    within ``CANCEL_EVERY`` rows."""
    targets = np.asarray(targets).astype(bool, copy=False)
    if targets.ndim != 2:
        raise ValueError(f"targets must be (rows, labels), got shape {targets.shape}")
    n_rows, n_labels = targets.shape
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2 (got {n_splits})")
    rng = np.random.default_rng(seed)
    order = rng.permutation(n_rows)
    shuffled = targets[order]
    # the labels of each row and the rows of each label, rows in the visiting order
    row_ids, label_ids = np.nonzero(shuffled)
    labels_of: list[list[int]] = [[] for _ in range(n_rows)]
    for row, label in zip(order[row_ids].tolist(), label_ids.tolist()):
        labels_of[row].append(label)
    by_label = np.argsort(label_ids, kind="stable")
    starts = np.searchsorted(label_ids[by_label], np.arange(n_labels + 1))
    visit = order[row_ids[by_label]].tolist()
    counts = (starts[1:] - starts[:-1]).astype(np.int64)

    # Wants scaled by n_splits, so they stay integers: a fold wants m / k rows of a label with m,
    # here m - k * (rows of it placed there); likewise n - k * (rows placed there) for its size.
    k = n_splits
    label_want = [[int(m)] * k for m in counts.tolist()]
    size_want = [n_rows] * k
    unplaced = counts.copy()
    rank = rng.permutation(n_labels)  # equally rare labels: the order is random, fixed by the seed
    offsets = rng.integers(0, k, size=n_rows).tolist()  # ties between folds: a random first fold
    fold = [-1] * n_rows

    def place(row: int, want: list[int] | None) -> None:
        start = offsets[row]
        best, best_key = -1, None
        for step in range(k):
            j = (start + step) % k
            key = (want[j] if want is not None else 0, size_want[j])
            if best_key is None or key > best_key:
                best, best_key = j, key
        fold[row] = best
        size_want[best] -= k
        for label in labels_of[row]:
            label_want[label][best] -= k
            unplaced[label] -= 1

    def chunks(rows: list[int]):
        for start in range(0, len(rows), CANCEL_EVERY):
            if cancel is not None and cancel.is_set():
                from engine.errors import Cancelled

                raise Cancelled("cross-validation cancelled")
            yield rows[start:start + CANCEL_EVERY]

    big = np.iinfo(np.int64).max
    while True:
        left = np.where(unplaced > 0, unplaced, big)
        if not n_labels or left.min() == big:
            break
        fewest = np.flatnonzero(left == left.min())
        label = int(fewest[np.argmin(rank[fewest])])
        want = label_want[label]
        for chunk in chunks(visit[starts[label]:starts[label + 1]]):
            for row in chunk:
                if fold[row] < 0:
                    place(row, want)
    for chunk in chunks(order.tolist()):  # rows with no label
        for row in chunk:
            if fold[row] < 0:
                place(row, None)
    return np.asarray(fold, dtype=np.int64)


def iterative_splits(targets: np.ndarray, n_splits: int, seed: int = 0,
                     cancel: threading.Event | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """``iterative_folds`` as (train, test) row indices per fold, as ``StratifiedKFold.split``
    gives them (a fold left with no test row, possible only with fewer rows than folds, is skipped)."""
    fold = iterative_folds(targets, n_splits, seed, cancel)
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(n_splits) if (fold == f).any()]
