"""The guards' path's flag count, cut where the neighbours' labels say the flagged rows of a class are its own rows.

On the guards' (untrusted) path of engine/label_posterior.score_labels the count comes from a flip model read off the
out-of-fold probabilities; with a rare class their sharpening leaves the class short of its rows, and the model counts
its least sure clean rows as flips (rare40's clean ag_news 1,980:20 flagged 9, Datalab's own 2; bench/README.md,
sessions 41-42). The labels of each row's neighbours in the shared kNN graph do not pass through that calibration.

Per label ``y`` of the flagged rows: each row's count of distinct other rows labelled ``y`` within two hops of it, and
the AUC of that count over the flagged rows labelled ``y`` against the rows labelled otherwise. Random flips into
``y`` sit among the other rows (AUC 0.49); boundary flips into a rare class back each other (0.55-0.78); a rare class's
clean rows sit above (0.82-0.85). Where the point AUC is at least ``MIN_AUC`` the label's count becomes
``n_y min(1, 2 (1 - (AUC - Z sd)))`` (sd: the AUC's null standard deviation); the total is never raised and never cut
below Datalab's own count in the same audit. Threshold registered before the holdout sets (session 42, holdout42):
126 fresh one-vs-rest cells and everything measured before, no flags up, no noisy cell changed (bench/README.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: the flagged rows' AUC at or above which their label's count is cut
MIN_AUC = 0.80
#: the AUC read this many null standard deviations low for the share kept
AUC_Z = 2.0
#: rows the AUC compares (flagged; labelled otherwise): a seeded sample of each above this, bounding the memory
MAX_REFERENCE_ROWS = 50_000


def graph_indices(knn_graph: Any) -> np.ndarray | None:
    """The (n, k) neighbour indices of a CSR graph with k entries a row (engine/neighbours), else None."""
    if knn_graph is None or not hasattr(knn_graph, "indptr"):
        return None
    indptr = np.asarray(knn_graph.indptr)
    n = len(indptr) - 1
    if n <= 0 or indptr[-1] == 0 or indptr[-1] % n or np.any(np.diff(indptr) != indptr[-1] // n):
        return None
    return np.asarray(knn_graph.indices, dtype=np.int64).reshape(n, -1)


def two_hop_labels(labels: np.ndarray, neighbours: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row of ``rows``, the labels of the distinct other rows within two hops of it in the kNN graph (its
    neighbours and theirs), -1 in the places left over: (len(rows), k + k * k), whatever the number of rows."""
    first = neighbours[rows]
    second = np.where((first >= 0)[:, :, None], neighbours[np.where(first >= 0, first, 0)], -1)
    near = np.sort(np.concatenate([first, second.reshape(len(rows), -1)], axis=1), axis=1)
    repeated = np.zeros(near.shape, dtype=bool)
    repeated[:, 1:] = near[:, 1:] == near[:, :-1]
    kept = (near >= 0) & ~repeated & (near != np.asarray(rows)[:, None])
    return np.where(kept, labels[np.where(near >= 0, near, 0)], -1)


def rank_auc(a: np.ndarray, b: np.ndarray) -> float:
    """P(a value of ``a`` > one of ``b``), ties counted half."""
    ordered = np.sort(b)
    below = np.searchsorted(ordered, a, side="left")
    ties = np.searchsorted(ordered, a, side="right") - below
    return float((below + 0.5 * ties).sum() / (len(a) * len(b)))


def neighbour_cut(labels: np.ndarray, score: np.ndarray, estimated: int, strays: np.ndarray | None,
                  flags: np.ndarray, neighbours: np.ndarray | None, datalab_count: int | None,
                  diagnostics: dict) -> tuple[int, np.ndarray]:
    """The count and flags, cut as the module docstring says on the guards' path (``noise_model`` 'untrusted'),
    else as given."""
    flagged = np.flatnonzero(flags)
    labels = np.asarray(labels, dtype=np.int64)
    if (diagnostics.get("noise_model") != "untrusted" or neighbours is None or datalab_count is None
            or len(flagged) == 0 or len(neighbours) != len(labels)):
        return estimated, flags
    reference, mine_rows = np.arange(len(labels)), flagged
    if len(labels) > MAX_REFERENCE_ROWS:  # a seeded sample of each: the AUC's estimate, bounded
        rng = np.random.default_rng(0)
        reference = np.sort(rng.choice(len(labels), MAX_REFERENCE_ROWS, replace=False))
        mine_rows = np.sort(rng.choice(flagged, min(len(flagged), MAX_REFERENCE_ROWS), replace=False))
    rows = np.union1d(mine_rows, reference)
    near_labels = two_hop_labels(labels, np.asarray(neighbours, dtype=np.int64), rows)
    kept, aucs, in_reference = 0, {}, np.isin(rows, reference)
    for label in np.unique(labels[flagged]):
        mine = labels[flagged] == label
        others = in_reference & (labels[rows] != label)
        sampled = mine_rows[labels[mine_rows] == label]
        if not others.any() or len(sampled) == 0:
            kept += int(mine.sum())
            continue
        near = (near_labels == label).sum(axis=1)
        a, b = near[np.searchsorted(rows, sampled)], near[others]
        auc = rank_auc(a, b)
        aucs[str(int(label))] = round(auc, 4)
        sd = np.sqrt((len(a) + len(b) + 1) / (12.0 * len(a) * len(b)))
        share = min(1.0, 2.0 * (1.0 - (auc - AUC_Z * sd)))
        kept += int(round(mine.sum() * share)) if auc >= MIN_AUC else int(mine.sum())
    count = min(len(flagged), max(min(kept, len(flagged)), int(datalab_count)))
    diagnostics.update(neighbour_label_auc=aucs, neighbour_cut=len(flagged) - count)
    if count >= len(flagged):
        return estimated, flags
    from engine.label_posterior import lowest_scored

    return count, lowest_scored(score, labels, count, strays)
