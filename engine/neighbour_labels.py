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
#: rows labelled otherwise that the AUC compares against, a seeded sample above this (bounds the two-hop counts)
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


def two_hop_reach(neighbours: np.ndarray, rows: np.ndarray):
    """A 0/1 sparse matrix: for each of ``rows``, the other rows within two hops of it in the kNN graph."""
    from scipy.sparse import csr_matrix

    n, k = neighbours.shape
    valid = (neighbours >= 0).ravel()
    starts = np.repeat(np.arange(n), k)[valid]
    adjacency = csr_matrix((np.ones(len(starts), dtype=np.float32), (starts, neighbours.ravel()[valid])), shape=(n, n))
    adjacency.data[:] = 1.0  # a neighbour listed twice counts once
    own = adjacency[rows]
    reach = (own + own @ adjacency).tocsr()
    reach.data[:] = 1.0
    self_reached = np.asarray(reach[np.arange(len(rows)), rows]).ravel() > 0
    return reach, self_reached


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
    n = len(labels)
    reference = np.arange(n)
    if n > MAX_REFERENCE_ROWS:
        reference = np.sort(np.random.default_rng(0).choice(n, MAX_REFERENCE_ROWS, replace=False))
    rows = np.union1d(flagged, reference)
    reach, self_reached = two_hop_reach(np.asarray(neighbours, dtype=np.int64), rows)
    kept, aucs = 0, {}
    for label in np.unique(labels[flagged]):
        mine = labels[flagged] == label
        others = labels[rows] != label
        if not others.any() or not (labels[reference] != label).any():
            kept += int(mine.sum())
            continue
        near = np.asarray(reach @ (labels == label).astype(np.float32)).ravel()
        near -= self_reached & (labels[rows] == label)  # the row itself, reached back through a neighbour
        a = near[np.searchsorted(rows, flagged[mine])]
        b = near[np.isin(rows, reference) & others]
        auc = rank_auc(a, b)
        aucs[str(int(label))] = round(auc, 4)
        sd = np.sqrt((len(a) + len(b) + 1) / (12.0 * len(a) * len(b)))
        share = min(1.0, 2.0 * (1.0 - (auc - AUC_Z * sd)))
        kept += int(round(len(a) * share)) if auc >= MIN_AUC else len(a)
    count = min(len(flagged), max(min(kept, len(flagged)), int(datalab_count)))
    diagnostics.update(neighbour_label_auc=aucs, neighbour_cut=len(flagged) - count)
    if count >= len(flagged):
        return estimated, flags
    from engine.label_posterior import lowest_scored

    return count, lowest_scored(score, labels, count, strays)
