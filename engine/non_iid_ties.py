"""Exact-duplicate ties in the non-IID test's neighbour lists, broken at random (engine/issue_managers.py's
``TextauditNonIIDIssueManager._get_neighbors``)."""

from __future__ import annotations

import numpy as np


def untie_duplicates(choices: np.ndarray, distances: np.ndarray, seed: int | None) -> np.ndarray:
    """The non-IID test's neighbours with exact-duplicate ties broken at random: a row whose k neighbours all sit
    at distance 0 has more than k copies, and the search kept the copies first by index (faiss), which the test
    read as an order: 1,500 shuffled banking77 rows + 600 copies of 10 of them, shuffled, said 'NOT i.i.d.' (p 0;
    the 1,510 distinct rows alone p 0.77) (review39). Such a row gets k distinct other members of its copies' group
    (rows joined by distance-0 edges), drawn with ``RandomState(seed)``: copies that sit together in the file still
    read as an order. Other rows keep their lists. A copy, never the input."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n, k = choices.shape
    tied = np.flatnonzero((distances == 0).all(axis=1)) if k else np.empty(0, dtype=np.int64)
    if not tied.size:
        return choices
    zero = distances == 0
    rows = np.repeat(np.arange(n), k)[zero.ravel()]
    edges = coo_matrix((np.ones(rows.size, dtype=np.int8), (rows, choices.ravel()[zero.ravel()])), shape=(n, n))
    _, group = connected_components(edges, directed=True, connection="weak")
    order = np.argsort(group, kind="stable")  # each group's rows together, ascending
    first = np.searchsorted(group[order], np.arange(group.max() + 2))
    place = np.empty(n, dtype=np.int64)
    place[order] = np.arange(n) - first[group[order]]  # a row's place in its group
    rng = np.random.RandomState(seed)
    untied = choices.copy()
    for each in np.unique(group[tied]):  # more copies than neighbours: which k is the draw's
        own = order[first[each]:first[each + 1]]
        if own.size - 1 <= k:
            continue
        rows = tied[group[tied] == each]
        picks = _distinct_draws(rng, rows.size, own.size - 1, k)
        untied[rows] = own[picks + (picks >= place[rows][:, None])]  # a place past the row's own: the next one
    return untied


def _distinct_draws(rng: np.random.RandomState, count: int, size: int, k: int) -> np.ndarray:
    """``count`` rows of ``k`` distinct draws from ``range(size)``. A draw per row with ``choice(replace=False)``
    shuffles all ``size``: 50,000 copies of one text took 51 s CPU (diff39); far more than ``k`` to draw from,
    rows with a repeat are drawn again (uniform all the same)."""
    if size <= 4 * k:
        return np.array([rng.choice(size, size=k, replace=False) for _ in range(count)], dtype=np.int64)
    picks = rng.randint(0, size, size=(count, k)).astype(np.int64)
    while (again := np.flatnonzero((np.diff(np.sort(picks, axis=1), axis=1) == 0).any(axis=1))).size:
        picks[again] = rng.randint(0, size, size=(again.size, k))
    return picks
