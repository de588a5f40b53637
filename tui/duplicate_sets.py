"""Near-duplicate sets: Datalab's per-row lists of close rows joined into connected components, the sets
whose members disagree on the label first."""

from __future__ import annotations

import numpy as np


#: Up to this many edges the components are joined in Python: scipy's csgraph import alone took
#: 0.15-0.35 s of the demo's 1.3 s reopen on 2 cores (ui26), for a graph of a few dozen rows.
PYTHON_EDGES = 20_000


def connected_components(size: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """One label per node ``0 .. size-1``, equal exactly for nodes joined by the undirected edges
    ``src[i] -- dst[i]``. The labels' values mean nothing (callers group by them)."""
    if len(src) > PYTHON_EDGES:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components as scipy_components

        graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(size, size))
        return scipy_components(graph, directed=False)[1]
    parent = list(range(size))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for a, b in zip(np.asarray(src).tolist(), np.asarray(dst).tolist()):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.fromiter((root(node) for node in range(size)), dtype=np.int64, count=size)


def near_duplicate_sets(
    flagged: np.ndarray, member_lists: np.ndarray, given: np.ndarray, score: np.ndarray
) -> list[np.ndarray]:
    """Join Datalab's per-row near-duplicate lists into sets (connected components).

    Datalab lists, for each flagged row, the rows it is close to; those lists are not
    symmetric or transitive (row 9 -> [30, 20], row 20 -> [9]), so the sets are the connected
    components of that graph. Sets whose members carry different labels come first, then the
    tightest (lowest score) sets.
    """
    rows = np.flatnonzero(flagged)
    if len(rows) == 0:
        return []
    src: list[int] = []
    dst: list[int] = []
    for row in rows.tolist():
        others = member_lists[row]
        if others is None:
            continue
        src.extend([row] * len(others))
        dst.extend(int(other) for other in others)
    # the graph over the involved rows only (not all n): a live threshold change regroups at 1M rows
    involved = np.unique(np.concatenate([rows, np.asarray(dst, dtype=np.int64)]))
    size = len(involved)
    ends = (np.searchsorted(involved, np.asarray(src, dtype=np.int64)),
            np.searchsorted(involved, np.asarray(dst, dtype=np.int64)))
    component = connected_components(size, *ends)
    by_set = np.argsort(component, kind="stable")  # members stay ascending within a set
    members = involved[by_set]
    labels_of = component[by_set]
    starts = np.flatnonzero(np.r_[True, labels_of[1:] != labels_of[:-1]])
    sizes = np.diff(np.r_[starts, len(members)])
    conflict = np.minimum.reduceat(given[members], starts) != np.maximum.reduceat(given[members], starts)
    tightest = np.minimum.reduceat(np.asarray(score, dtype=np.float64)[members], starts)
    chosen = np.flatnonzero(sizes > 1)
    # conflicting sets first, then the tightest (lowest score), then by first member
    ranked = chosen[np.lexsort((members[starts[chosen]], tightest[chosen], ~conflict[chosen]))]
    return [members[starts[i]:starts[i] + sizes[i]] for i in ranked.tolist()]
