"""``--model tfidf``: the outlier check's k nearest rows found on the texts' own TF-IDF terms, not on the SVD.

The SVD (engine/tfidf.py) keeps the directions most texts share, so a text from another domain keeps only its common
words there and sits among the others: 20 ag_news rows put into banking77 train, outlier AP 0.13 / 0.11 (two draws)
on the SVD's kNN, 0.90 / 0.99 on the L2-normalised sparse TF-IDF rows; manpages with ag_news rows 0.04 / 0.47
(all-MiniLM-L6-v2: 0.78 / 0.83 / 0.93; bench/README.md, bench/tfidf_outliers.py).

Exact cosine kNN on those rows: a chunked sparse product (float32), rows x every row, each row's k best kept per
chunk. Only entries at least a lower bound of the row's k-th best similarity are read: the bound is the k-th best of
its pairs in the shared (SVD) kNN graph, measured on the terms (~100 entries a row pass it on banking77), so no dense
block and no partition of it; the k kept are measured again in float64. The work is the product's, about the sum
over terms of their document frequency squared (:func:`products`). One AMD EPYC core (AVX2), scipy 1.17: banking77
train (10k rows, 1.1e8) 1.4 s CPU, peak RSS +96 MiB; 100k banking77-like rows (1.2e10) 83 s CPU (145 s wall at load
5), +287 MiB (bench/README.md). The dense variant (toarray + argpartition per chunk) took 170 s at 100k; sparse_dot_topn
1.2.0 (C++, one thread) 139 s. Past :data:`MAX_PRODUCTS` (it grows with the rows squared) the graph's own pairs,
measured on the terms, stand in for the search (:func:`pairs_only`), and a note says so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from engine.errors import Cancelled

#: Above this many products (:func:`products`) the exact search is left out: ~3 min CPU on one core
MAX_PRODUCTS = 2.5e10
#: Cells (rows x all rows) of one chunk's product: its CSR's size bound (8 bytes a stored value)
CHUNK_CELLS = 8_000_000
#: Seconds between progress reports
REPORT_S = 1.0


def products(rows: Any) -> float:
    """The multiply-adds of the exact search on CSR ``rows``: per term, its document frequency squared."""
    frequency = np.bincount(rows.indices, minlength=rows.shape[1]).astype(np.float64)
    return float(np.dot(frequency, frequency))


def pair_similarities(rows: Any, first: np.ndarray, second: np.ndarray, block: int = 200_000) -> np.ndarray:
    """Cosine similarity of each pair (``first[i]``, ``second[i]``) of L2-normalised CSR ``rows`` (float64)."""
    out = np.empty(len(first), dtype=np.float64)
    for start in range(0, len(first), block):
        a, b = first[start:start + block], second[start:start + block]
        out[start:start + len(a)] = np.asarray(rows[a].multiply(rows[b]).sum(axis=1), dtype=np.float64).ravel()
    return out


def _best(row_of: np.ndarray, cols: np.ndarray, sims: np.ndarray, n_rows: int, k: int,
          fill: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row (0..n_rows-1) its ``k`` best (``row_of``, ``cols``, ``sims``) entries, distinct columns, by similarity
    (ties: the lower column); a row of fewer is filled from ``fill`` ((n_rows, k) columns, in order) at similarity 0.
    Returns (n_rows, k) similarities and columns."""
    order = np.lexsort((cols, -sims, row_of))
    row_of, cols, sims = row_of[order], cols[order], sims[order]
    keep = np.ones(len(row_of), dtype=bool)  # (np.r_[True, ...] was 1 long for no pairs: rows sharing no term)
    keep[1:] = (row_of[1:] != row_of[:-1]) | (cols[1:] != cols[:-1])  # a pair listed twice: once
    row_of, cols, sims = row_of[keep], cols[keep], sims[keep]
    starts = np.searchsorted(row_of, np.arange(n_rows))
    rank = np.arange(len(row_of)) - starts[row_of]
    top = rank < k
    out_sims = np.zeros((n_rows, k), dtype=np.float64)
    out_cols = np.full((n_rows, k), -1, dtype=np.int64)
    out_sims[row_of[top], rank[top]] = sims[top]
    out_cols[row_of[top], rank[top]] = cols[top]
    for row in np.flatnonzero((out_cols < 0).any(axis=1)):  # fewer than k rows share a term with it: rare
        have = out_cols[row][out_cols[row] >= 0]
        extra = [c for c in fill[row] if c >= 0 and c not in have][:k - len(have)]
        out_cols[row, len(have):len(have) + len(extra)] = extra
    return out_sims, out_cols


def pairs_only(rows: Any, neighbours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's graph neighbours (``neighbours``, (n, k)) re-measured on the terms and ordered by it: similarities
    and columns, (n, k)."""
    n, k = neighbours.shape
    first = np.repeat(np.arange(n, dtype=np.int64), k)
    second = neighbours.ravel().astype(np.int64)
    valid = (second >= 0) & (second != first)
    sims = pair_similarities(rows, first[valid], second[valid])
    return _best(first[valid], second[valid], sims, n, k, neighbours)


def exact_knn(rows: Any, neighbours: np.ndarray, *, cancel: threading.Event | None = None,
              progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The exact k nearest other rows (cosine) of every L2-normalised CSR row of ``rows``, k = ``neighbours``' columns
    (the shared graph's (n, k) indices: their similarities on the terms bound each row's k-th best from below).
    Returns (n, k) similarities (float64, best first) and columns. ``cancel`` is checked between chunks
    (``Cancelled``); ``progress(done, n)`` follows them."""
    n, k = neighbours.shape
    bound_sims, bound_cols = pairs_only(rows, neighbours)
    bound = bound_sims[:, -1].astype(np.float32)  # the k-th best of the graph's pairs: the true k-th is no lower
    matrix = rows.astype(np.float32).tocsr()
    transposed = matrix.T.tocsr()
    step = max(1, CHUNK_CELLS // max(n, 1))
    cols = np.empty((n, k), dtype=np.int64)
    last = time.perf_counter()
    for start in range(0, n, step):
        if cancel is not None and cancel.is_set():
            raise Cancelled("outlier check cancelled")
        stop = min(n, start + step)
        block = matrix[start:stop] @ transposed
        # at least the bound (less a float32 rounding): every one of the row's k best is kept, ~100 a row
        at = np.flatnonzero(block.data >= np.repeat(bound[start:stop] - 1e-6, np.diff(block.indptr)))
        local = np.searchsorted(block.indptr, at, side="right") - 1
        found = block.indices[at].astype(np.int64)
        other = found != local + start
        _, cols[start:stop] = _best(local[other], found[other], block.data[at][other].astype(np.float64),
                                    stop - start, k, bound_cols[start:stop])
        del block, at, local, found
        if progress is not None and (time.perf_counter() - last >= REPORT_S or stop == n):
            last = time.perf_counter()
            progress(stop, n)
    # the k best of the float32 product, measured again in float64 on the terms and put in that order
    sims = pair_similarities(rows, np.repeat(np.arange(n, dtype=np.int64), k), cols.ravel()).reshape(n, k)
    order = np.argsort(-sims, axis=1, kind="stable")
    return np.take_along_axis(sims, order, axis=1), np.take_along_axis(cols, order, axis=1)


def terms_knn_graph(rows: Any, neighbours: np.ndarray, *, cancel: threading.Event | None = None,
                    progress: Callable[[int, int], None] | None = None) -> tuple[Any, str]:
    """Datalab's ``knn_graph`` (CSR of cosine distances, each row's k nearest, ascending) on the sparse TF-IDF
    ``rows``: exact (:func:`exact_knn`) unless its work passes :data:`MAX_PRODUCTS`, then the shared graph's pairs
    (``neighbours``) re-measured (:func:`pairs_only`). Returns the graph and how it was found ('exact' or 'pairs')."""
    from engine.neighbours import ZERO_TOLERANCE, NeighbourGraph

    rows = rows.tocsr()
    neighbours = np.asarray(neighbours, dtype=np.int64)
    if products(rows) <= MAX_PRODUCTS:
        sims, cols, how = *exact_knn(rows, neighbours, cancel=cancel, progress=progress), "exact"
    else:
        sims, cols, how = *pairs_only(rows, neighbours), "pairs"
    distances = np.clip(1.0 - sims, 0.0, 2.0).astype(np.float32)
    distances[distances < ZERO_TOLERANCE] = 0.0
    return NeighbourGraph(indices=cols.astype(np.int32), distances=distances, method=f"terms-{how}").to_csr(), how
