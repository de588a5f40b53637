"""One k-nearest-neighbour graph over the embeddings, shared by every issue type.

Cosine distance (what Datalab picks for embeddings). Exact search for small data, faiss
IVF-Flat above ``EXACT_LIMIT`` rows (HNSW on request) (faiss: a well-kept, fast ANN library with a CPU and a
GPU build), exact search on the GPU with torch when one is present. Exact duplicates keep an
explicit distance of 0, as Datalab requires.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.errors import Cancelled
from engine.progress import StepFn

if TYPE_CHECKING:
    import faiss
    from scipy.sparse import csr_matrix

DEFAULT_K = 10
EXACT_LIMIT = 30_000
ZERO_TOLERANCE = 1e-6
VECTORS_TOLERANCE = 1e-4  # derive_graph: a stored distance this far from the recomputed one means other vectors

Hits = tuple[np.ndarray, np.ndarray]  # (rows, k) similarities and neighbour indices
Search = Callable[[int, int], Hits]  # the hits of query rows [start, stop)


@dataclass(frozen=True)
class NeighbourGraph:
    """For each row, its k nearest other rows (ascending distance)."""

    indices: np.ndarray  # (n, k) int32
    distances: np.ndarray  # (n, k) float32, cosine distance in [0, 2]
    method: str

    @property
    def k(self) -> int:
        return int(self.indices.shape[1])

    def to_csr(self) -> csr_matrix:
        """The CSR matrix Datalab accepts as ``knn_graph`` (explicit zeros kept)."""
        from scipy.sparse import csr_matrix

        n, k = self.indices.shape
        indptr = np.arange(0, n * k + 1, k, dtype=np.int64)
        return csr_matrix(
            (self.distances.ravel().astype(np.float64), self.indices.ravel(), indptr),
            shape=(n, n),
        )


def choose_method(n_rows: int, device: str = "cpu") -> str:
    """``exact`` for small data or a GPU, ``ivf`` above the size threshold on CPU (at 50k rows:
    recall@10 0.99 and every exact duplicate found, vs HNSW 0.997 with 4 of 992 duplicates
    missed, in half the time)."""
    if device.startswith("cuda"):
        return "exact-gpu"
    return "exact" if n_rows <= EXACT_LIMIT else "ivf"


def build_graph(
    vectors: np.ndarray,
    *,
    k: int = DEFAULT_K,
    method: str | None = None,
    device: str = "cpu",
    progress: StepFn | None = None,
    cancel: threading.Event | None = None,
) -> NeighbourGraph:
    """k nearest neighbours (self excluded) of every row of unit-norm ``vectors``."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(vectors)
    k = max(1, min(k, n - 1))
    method = method or choose_method(n, device)
    if method == "hnsw":
        sims, idx = _hnsw(vectors, k, progress, cancel)
    elif method == "ivf":
        sims, idx = _ivf(vectors, k, progress, cancel)
    elif method == "exact-gpu":
        sims, idx = _exact_torch(vectors, k, device, progress, cancel)
    else:
        sims, idx = _exact_faiss(vectors, k, progress, cancel)
    return finish_graph(vectors, sims, idx, method)


def finish_graph(vectors: np.ndarray, sims: np.ndarray, idx: np.ndarray, method: str,
                 rows: np.ndarray | None = None, n: int | None = None) -> NeighbourGraph:
    """The graph from raw search hits: cosine distances (exact zeros below ``ZERO_TOLERANCE``),
    each row's neighbours sorted by ascending distance; a zero row's ties broken at random (``untie_blind``).
    ``rows``/``n``: the query rows' numbers among the ``n`` searched where ``vectors`` are only theirs."""
    if method == "exact-gpu":  # fp16 search: rescore in fp32 so exact duplicates land at 0
        sims = exact_similarities(vectors, idx)
    distances = np.clip(1.0 - sims, 0.0, 2.0).astype(np.float32)
    distances[distances < ZERO_TOLERANCE] = 0.0
    order = np.argsort(distances, axis=1, kind="stable")
    distances = np.take_along_axis(distances, order, axis=1)
    idx = np.take_along_axis(idx, order, axis=1).astype(np.int32)
    untie_blind(vectors, idx, rows, len(vectors) if n is None else n)
    return NeighbourGraph(indices=idx, distances=distances, method=method)


#: Seed of ``untie_blind``'s draws (fixed: the same graph from the same vectors, locally and on Ray).
TIES_SEED = 0


def untie_blind(vectors: np.ndarray, idx: np.ndarray, rows: np.ndarray | None, n: int) -> None:
    """In place: a zero vector's neighbours (``--model tfidf``'s text sharing no word with another, fb74f71; a text
    of no word; an all-zero ``--features`` row) are k distinct other rows drawn at random. Every row ties with it at
    distance 1, and the search kept the first rows by index (faiss: 0..k): every such row's kNN label vote was the
    labels of the file's first rows (200 such texts under 12 card_arrival rows: all 200 suggested card_arrival,
    26 flagged, 3 on 3500807), and the non-IID test read an order. Its distances stay 1."""
    blind = np.flatnonzero(~np.asarray(vectors).any(axis=1))
    k = idx.shape[1] if idx.ndim == 2 else 0
    if not blind.size or not k or k >= n - 1:  # k = every other row: nothing to choose
        return
    own = blind if rows is None else np.asarray(rows, dtype=np.int64)[blind]
    rng = np.random.RandomState(TIES_SEED)
    if 4 * k > n:  # few rows: k of a permutation of the others
        drawn = np.stack([rng.permutation(n - 1)[:k] for _ in range(len(own))])
    else:  # k distinct of n - 1, redrawn where two repeat (rare: k << n)
        drawn = rng.randint(0, n - 1, size=(len(own), k))
        while (again := (np.diff(np.sort(drawn, axis=1), axis=1) == 0).any(axis=1)).any():
            drawn[again] = rng.randint(0, n - 1, size=(int(again.sum()), k))
    idx[blind] = drawn + (drawn >= own[:, None])  # never the row itself


def exact_similarities(vectors: np.ndarray, idx: np.ndarray, rows_per_block: int = 65_536) -> np.ndarray:
    """fp32 cosine similarity of each row to its listed neighbours, in bounded memory."""
    sims = np.empty(idx.shape, dtype=np.float32)
    for start in range(0, len(idx), rows_per_block):
        stop = min(len(idx), start + rows_per_block)
        sims[start:stop] = np.einsum("nd,nkd->nk", vectors[start:stop], vectors[idx[start:stop]])
    return sims


def _block_rows(n: int, budget_cells: int = 32_000_000) -> int:
    return max(1, min(n, budget_cells // max(n, 1)))


def _exact_numpy(vectors: np.ndarray, k: int, progress: StepFn | None, cancel: threading.Event | None) -> Hits:
    def search(start: int, stop: int) -> Hits:
        block = vectors[start:stop] @ vectors.T
        block[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # no self-neighbour
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        return np.take_along_axis(block, part, axis=1), part

    return _search_blocks(len(vectors), k, search, progress, cancel, step=_block_rows(len(vectors)))


def drop_self(found_sims: np.ndarray, found: np.ndarray, rows: np.ndarray, k: int) -> Hits:
    """k hits per row from k+1, the row itself (``rows``: each query's own row) or a missing -1
    hit removed, vectorised."""
    unwanted = (found == rows[:, None]) | (found < 0)
    order = np.argsort(unwanted, axis=1, kind="stable")[:, :k]
    chosen = np.take_along_axis(found, order, axis=1)
    chosen_sims = np.take_along_axis(found_sims, order, axis=1)
    bad = np.take_along_axis(unwanted, order, axis=1)
    if bad.any():  # rare (HNSW returned too few): repeat the row's best real hit
        chosen = np.where(bad, chosen[:, :1], chosen)
        chosen_sims = np.where(bad, chosen_sims[:, :1], chosen_sims)
    return chosen_sims, chosen


#: Query rows per faiss search call, by method. The Ray path (engine/distributed/graph.py)
#: searches the very same blocks: which of two IVF cells that tie for a query's last probe faiss
#: keeps can depend on the block the query came in (1M rows, row 392124: its 32nd and 33rd cells
#: 6e-8 apart; Ray's 20k-row blocks kept the other cell, one neighbour differed, and through the
#: folds' neighbour weights 31 label flags; bench/README.md, Ray session 15).
SEARCH_ROWS = {"exact": 20_000, "ivf": 50_000, "hnsw": 50_000}


def query_blocks(n: int, method: str) -> list[tuple[int, int]]:
    """The (start, stop) row blocks a faiss search of ``n`` rows by ``method`` queries, in order."""
    return _row_blocks(n, SEARCH_ROWS[method])


def _row_blocks(n: int, step: int) -> list[tuple[int, int]]:
    """``[0, n)`` in (start, stop) blocks of ``step`` rows, in order."""
    return [(start, min(n, start + step)) for start in range(0, n, step)]


def _search_every_row(index: Any, vectors: np.ndarray, k: int, progress: StepFn | None, cancel: threading.Event | None,
                      *, method: str, done_before: float) -> Hits:
    """Query every row against a built faiss ``index`` in ``query_blocks``; self-matches removed.

    Progress runs from ``done_before`` (the share of the work spent building) to the end.
    """
    def search(start: int, stop: int) -> Hits:
        found_sims, found = index.search(vectors[start:stop], k + 1)
        return drop_self(found_sims, found, np.arange(start, stop), k)

    return _search_blocks(len(vectors), k, search, progress, cancel, step=SEARCH_ROWS[method],
                          done_before=done_before)


def _search_blocks(n: int, k: int, search: Search, progress: StepFn | None, cancel: threading.Event | None, *,
                   step: int, done_before: float = 0.0) -> Hits:
    """Fill (n, k) similarities and indices block by block with ``search(start, stop)``,
    checking for cancellation before each block and reporting progress after it."""
    sims = np.empty((n, k), dtype=np.float32)
    idx = np.empty((n, k), dtype=np.int64)
    for start, stop in _row_blocks(n, step):
        if cancel is not None and cancel.is_set():
            raise Cancelled("neighbour search cancelled")
        sims[start:stop], idx[start:stop] = search(start, stop)
        if progress is not None:
            progress(int(n * done_before + (1 - done_before) * stop), n)
    return sims, idx


def _exact_faiss(vectors: np.ndarray, k: int, progress: StepFn | None, cancel: threading.Event | None) -> Hits:
    """Exact inner-product search (faiss IndexFlatIP: BLAS blocks + heap selection)."""
    try:
        import faiss
    except ImportError:
        return _exact_numpy(vectors, k, progress, cancel)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return _search_every_row(index, vectors, k, progress, cancel, method="exact", done_before=0.0)


def _exact_torch(vectors: np.ndarray, k: int, device: str, progress: StepFn | None,
                 cancel: threading.Event | None) -> Hits:
    import torch

    n = len(vectors)
    on_device = torch.from_numpy(vectors).to(device=device, dtype=torch.float16)
    step = max(1, min(n, 2_000_000_000 // max(n, 1) // 4))

    def search(start: int, stop: int) -> Hits:
        block = (on_device[start:stop] @ on_device.T).float()
        rows = torch.arange(stop - start, device=block.device)
        block[rows, rows + start] = -float("inf")
        top = torch.topk(block, k, dim=1)
        return top.values.cpu().numpy(), top.indices.cpu().numpy()

    return _search_blocks(n, k, search, progress, cancel, step=step)


def _ivf(vectors: np.ndarray, k: int, progress: StepFn | None, cancel: threading.Event | None,
         nprobe: int | None = None) -> Hits:
    """faiss IVF-Flat: k-means cells (trained on a sample), exact distances inside the
    ``nprobe`` nearest cells. For all-rows kNN it is far cheaper to build than HNSW; exact
    duplicates share a cell, so they are always found, at distance 0."""
    n = len(vectors)
    index = ivf_index(vectors, nprobe)
    if progress is not None:
        progress(n // 4, n)
    return _search_every_row(index, vectors, k, progress, cancel, method="ivf", done_before=0.25)


#: Cells searched per query: a fiftieth of the cells, within these bounds. A fixed count loses
#: recall as the cells grow with sqrt(n): bench/scale.py's synthetic data, recall@10 against
#: exact search, at 50k (894 cells) nprobe 16 0.992; at 100k (1,264 cells) nprobe 16 0.968,
#: 24 0.998, 32 0.9998, search time 32 / 42 / 48 s.
NPROBE_MIN, NPROBE_MAX, NPROBE_SHARE = 16, 32, 50


def ivf_nprobe(cells: int) -> int:
    """How many of ``cells`` IVF cells each query searches (see NPROBE_SHARE)."""
    return int(min(cells, max(NPROBE_MIN, min(NPROBE_MAX, cells // NPROBE_SHARE))))


def ivf_index(vectors: np.ndarray, nprobe: int | None = None) -> faiss.IndexIVFFlat:
    """The IVF-Flat index :func:`_ivf` searches: about 4 sqrt(n) cells trained (10 k-means
    rounds) on a fixed sample of 40 rows per cell, every row added, ``nprobe`` cells searched
    (:func:`ivf_nprobe` unless given)."""
    import faiss

    n, dim = vectors.shape
    cells = int(min(max(64, 4 * np.sqrt(n)), n // 39))
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, cells, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10  # k-means training dominates otherwise (25 rounds by default)
    sample = np.random.default_rng(0).choice(n, min(n, cells * 40), replace=False)
    index.train(vectors[np.sort(sample)])
    index.add(vectors)
    index.nprobe = ivf_nprobe(cells) if nprobe is None else min(nprobe, cells)
    return index


def _hnsw(vectors: np.ndarray, k: int, progress: StepFn | None, cancel: threading.Event | None) -> Hits:
    import faiss

    n, dim = vectors.shape
    index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    step = 50_000
    for start in range(0, n, step):
        if cancel is not None and cancel.is_set():
            raise Cancelled("neighbour search cancelled")
        index.add(vectors[start : start + step])
        if progress is not None:
            progress(min(n, start + step) // 2, n)
    index.hnsw.efSearch = max(64, 4 * k)
    return _search_every_row(index, vectors, k, progress, cancel, method="hnsw", done_before=0.5)


def derive_graph(before: NeighbourGraph, vectors: np.ndarray, kept: np.ndarray, k: int = DEFAULT_K) -> NeighbourGraph | None:
    """The exact graph of the rows ``kept`` (ascending rows of ``before``'s data; ``vectors``:
    theirs, in that order), from ``before``, the exact graph of all rows: a row none of whose
    neighbours was dropped keeps its list (the dropped rows were not among its k nearest, so its
    k nearest among fewer rows are the same); only the rows that lost a neighbour are searched
    again, exactly. A re-audit that excluded a few rows so skips rebuilding the whole graph.
    None when ``before`` is not an exact graph of ``k`` neighbours over the rows ``kept`` indexes,
    or when ``vectors`` are not those it was built from (its distances disagree with them)."""
    kept = np.asarray(kept, dtype=np.int64)
    n_before = len(before.indices)
    n = len(kept)
    if (before.method != "exact" or before.k != k or n != len(vectors) or n <= k or n_before < n
            or (n and (kept.min() < 0 or kept.max() >= n_before)) or np.any(np.diff(kept) <= 0)):
        return None
    new_of = np.full(n_before, -1, dtype=np.int64)
    new_of[kept] = np.arange(n)
    indices = new_of[before.indices[kept]]
    distances = before.distances[kept].copy()
    lost = (indices < 0).any(axis=1)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    # the kept rows' vectors must be those the graph was built from (TF-IDF re-fits its space
    # when rows go): their listed distances, recomputed from ``vectors``, must agree
    sims = exact_similarities(vectors, np.where(lost[:, None], 0, indices))
    if np.abs(np.clip(1.0 - sims, 0.0, 2.0) - distances)[~lost].max(initial=0.0) > VECTORS_TOLERANCE:
        return None
    lost = np.flatnonzero(lost)
    if lost.size:
        sims, found = _search_rows(vectors, lost, k)
        graph = finish_graph(vectors[lost], sims, found, "exact", rows=lost, n=len(vectors))
        indices[lost], distances[lost] = graph.indices, graph.distances
    return NeighbourGraph(indices=indices.astype(np.int32), distances=distances, method="exact")


def _search_rows(vectors: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest other rows of ``rows`` among all ``vectors`` (exact inner product, as
    ``_exact_faiss`` searches): similarities and indices, self removed."""
    try:
        import faiss
    except ImportError:
        block = vectors[rows] @ vectors.T
        block[np.arange(len(rows)), rows] = -np.inf
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        return np.take_along_axis(block, part, axis=1), part
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    found_sims, found = index.search(vectors[rows], k + 1)
    return drop_self(found_sims, found, rows, k)
