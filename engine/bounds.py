"""Datalab on one machine at 10M+ rows: the pieces that grow past memory, bounded.

Given the precomputed ``knn_graph`` and ``pred_probs``, Datalab's managers are linear in the
rows, but two build many full-size temporaries at once (figures: bench/README.md, "100M plan"):

- non-IID scores: cleanlab's ``NonIIDIssueManager._score_dataset`` holds about a dozen
  (N, k+1) float64/bool arrays at once (~1.2 KB per row at k = 10: ~12 GB at 10M rows).
  :func:`non_iid_scores` computes the same per-row statistic in blocks of rows: identical
  values (tests/test_bounds.py), memory bounded by the block.
- underperforming groups: DBSCAN over the kNN graph keeps one neighbour array per row (a
  Python object each); above ``DBSCAN_MAX_ROWS`` rows :func:`issue_kwargs` hands Datalab
  ``cluster_ids`` from k-means cells instead (trained on a sample, every row assigned in
  blocks), with a note saying so.
- the (N, K) class probabilities and the K x K matrices are bounded before any stage by
  engine/checks.py ``check_audit_memory`` (refuses, or notes, thousands of classes).
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Rows per block of the non-IID score (~1.2 KB each in temporaries).
NON_IID_BLOCK_ROWS = 1_000_000
#: Above this many rows the underperforming-group check clusters by k-means cells, not DBSCAN.
DBSCAN_MAX_ROWS = 20_000_000


def non_iid_scores(neighbor_index_distances: np.ndarray, n_rows: int, block_rows: int = NON_IID_BLOCK_ROWS) -> np.ndarray:
    """cleanlab's per-row non-IID score (``NonIIDIssueManager._score_dataset``: the area between
    each row's sampled neighbour-index-distance CDF and its analytic background CDF, normalised
    and mapped by ``tanh(-x) + 1``), computed ``block_rows`` rows at a time."""
    distances = np.asarray(neighbor_index_distances)
    scores = np.empty(len(distances), dtype=np.float64)
    for start in range(0, len(distances), block_rows):
        stop = min(len(distances), start + block_rows)
        scores[start:stop] = _score_block(distances[start:stop], start, n_rows)
    return scores


def _score_block(block: np.ndarray, start: int, N: int) -> np.ndarray:
    """Rows ``start ..`` of cleanlab's vectorised score; the same arithmetic, row offset applied."""
    rows = len(block)
    sorted_neighbors = np.sort(block, axis=1)
    middle_idx = np.floor((N - 1) / 2).astype(int)
    double_distances = np.arange(start, start + rows).reshape(rows, 1)
    double_distances[double_distances > middle_idx] -= N - 1
    double_distances = np.abs(double_distances)
    sorted_neighbors = np.hstack([sorted_neighbors, np.ones((rows, 1)) * (N - 1)]).astype(int)
    set_beginning = sorted_neighbors <= double_distances
    set_middle = (sorted_neighbors > double_distances) & (sorted_neighbors <= (N - double_distances - 1))
    set_end = sorted_neighbors > (N - double_distances - 1)
    shifted_neighbors = np.zeros(sorted_neighbors.shape)
    shifted_neighbors[:, 1:] = sorted_neighbors[:, :-1]
    diffs = sorted_neighbors - shifted_neighbors
    area_beginning = (double_distances**2) / (N - 1)
    length = N - 2 * double_distances - 1
    a = 2 * double_distances / (N - 1)
    area_middle = 0.5 * (a + 1) * length
    background_area = np.zeros(diffs.shape)
    background_area[set_beginning] = ((sorted_neighbors**2) / (N - 1))[set_beginning]
    background_area[set_middle] = (
        area_beginning
        + 0.5 * ((sorted_neighbors + 3 * double_distances) * (sorted_neighbors - double_distances) / (N - 1))
    )[set_middle]
    background_area[set_end] = (area_beginning + area_middle + (sorted_neighbors - (N - double_distances - 1) * 1.0))[set_end]
    shifted_background = np.zeros(background_area.shape)
    shifted_background[:, 1:] = background_area[:, :-1]
    background_diffs = background_area - shifted_background
    foreground_cdf = np.arange(sorted_neighbors.shape[1]) / (sorted_neighbors.shape[1] - 1)
    foreground_diffs = foreground_cdf.reshape(1, -1) * diffs
    stats = np.sum(np.abs(foreground_diffs - background_diffs), axis=1)
    indices = np.arange(start, start + rows)
    reverse = N - indices
    normalizer = np.where(indices > reverse, indices, reverse)
    return np.tanh(-1 * (stats / normalizer)) + 1


def issue_kwargs(issue_type: str, n_rows: int, features: np.ndarray | None, notes: list[str],
                 *, dbscan_max_rows: int | None = None) -> dict[str, Any]:
    """Extra Datalab arguments that keep ``issue_type`` within memory at ``n_rows`` rows (a note
    in ``notes`` for each departure from Datalab's defaults); {} when none is needed."""
    dbscan_max_rows = DBSCAN_MAX_ROWS if dbscan_max_rows is None else dbscan_max_rows
    if issue_type == "underperforming_group" and n_rows > dbscan_max_rows and features is not None:
        cells = int(min(max(16, np.sqrt(n_rows) / 4), 4096))
        notes.append(f"underperforming_group: {n_rows:,} rows are more than DBSCAN over the kNN graph handles in "
                     f"memory (> {dbscan_max_rows:,}); groups are {cells:,} k-means cells of the vectors instead")
        return {"cluster_ids": kmeans_cells(features, cells)}
    return {}


def kmeans_cells(features: np.ndarray, cells: int, *, sample_per_cell: int = 64, block_rows: int = 1_000_000,
                 seed: int = 0) -> np.ndarray:
    """Each row's nearest of ``cells`` k-means centres (faiss, inner product on unit vectors),
    trained on a fixed sample, assigned in blocks of rows."""
    import faiss

    n, dim = features.shape
    sample = np.sort(np.random.default_rng(seed).choice(n, min(n, cells * sample_per_cell), replace=False))
    kmeans = faiss.Kmeans(dim, cells, niter=10, seed=seed, spherical=True, verbose=False)
    kmeans.train(np.ascontiguousarray(features[sample], dtype=np.float32))
    ids = np.empty(n, dtype=np.int64)
    for start in range(0, n, block_rows):
        stop = min(n, start + block_rows)
        _, found = kmeans.index.search(np.ascontiguousarray(features[start:stop], dtype=np.float32), 1)
        ids[start:stop] = found[:, 0]
    return ids
