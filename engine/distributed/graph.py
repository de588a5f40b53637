"""The neighbour graph on Ray: one index, shared to workers, each searching a block of rows.

The index is the local path's own (``engine.neighbours``: exact inner product up to
``EXACT_LIMIT`` rows, faiss IVF-Flat trained on a fixed sample above), built once on the
driver, serialised by faiss and put in Ray's object store. One searcher actor per node
deserialises it once and answers blocks of rows with faiss's own threads, one per CPU of its
node: one copy of the index per node, not per CPU (the 10M plan in bench/README.md: an IVF-Flat
copy is 15 GB there). The query blocks are the local search's own (``query_blocks``: a query's
probed cells can depend on its block). Blocks go to the nodes in proportion to their CPUs. The hits are finished exactly as
locally (``finish_graph``: exact duplicates at distance 0, k ascending distances), so the graph
equals the local one row for row. A searcher whose process dies is restarted and its block
retried (``RETRIES``).
"""

from __future__ import annotations

import threading

import numpy as np

from engine.distributed.cluster import RETRIES, cluster_cpus, fault, gather, node_cpus
from engine.neighbours import DEFAULT_K, NeighbourGraph, choose_method, finish_graph, query_blocks
from engine.progress import StepFn

def build_graph(
    vectors: np.ndarray, *, k: int = DEFAULT_K, method: str | None = None, device: str = "cpu",
    progress: StepFn | None = None, cancel: threading.Event | None = None, workers: int | None = None,
) -> NeighbourGraph:
    """:func:`engine.neighbours.build_graph` with the search spread over Ray workers."""
    import faiss
    import ray

    from engine.neighbours import ivf_index

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    k = max(1, min(k, n - 1))
    method = method or choose_method(n, device)
    if method not in ("exact", "ivf"):  # exact-gpu / hnsw: one machine's search, as locally
        from engine.neighbours import build_graph as local_build

        return local_build(vectors, k=k, method=method, device=device, progress=progress, cancel=cancel)
    if method == "ivf":
        index = ivf_index(vectors)
    else:
        index = faiss.IndexFlatIP(dim)
        index.add(vectors)
    if progress is not None:
        progress(n // 4 if method == "ivf" else 0, n)
    index_ref = ray.put(faiss.serialize_index(index))
    del index
    vectors_ref = ray.put(vectors)
    searcher = ray.remote(max_restarts=RETRIES, max_task_retries=RETRIES)(_Searcher)
    blocks = query_blocks(n, method)  # the local path's own blocks (see SEARCH_ROWS), one actor call each
    plan = node_plan(len(blocks), workers)
    # the refs inside a list: the actor fetches them itself (a restarted actor too, while the
    # driver holds them), and Ray does not warn about constructor arguments in the object store
    actors = [searcher.options(num_cpus=threads, scheduling_strategy=_on_node(node)).remote(
        [index_ref, vectors_ref], threads) for node, threads in plan]
    owner = share_blocks([threads for _, threads in plan], len(blocks))
    refs = [actors[owner[i]].search.remote(start, stop, k) for i, (start, stop) in enumerate(blocks)]
    sims = np.empty((n, k), dtype=np.float32)
    idx = np.empty((n, k), dtype=np.int64)
    done = 0
    base = n // 4 if method == "ivf" else 0

    def store(i: int, value) -> None:
        nonlocal done
        start, stop = blocks[i]
        sims[start:stop], idx[start:stop] = value
        done += stop - start
        if progress is not None:
            progress(base + (n - base) * done // n, n)

    try:
        gather(refs, "neighbour search", on_done=store, cancel=cancel)
    finally:
        for actor in actors:
            ray.kill(actor)
    return finish_graph(vectors, sims, idx, method)


def node_plan(blocks: int, workers: int | None = None) -> list[tuple[str | None, int]]:
    """(node id, CPUs) for each searcher: one per alive node with CPUs, using all of them, the
    largest nodes first; at most ``blocks`` searchers (a small graph needs no more), and at most
    ``workers`` CPUs in all when given. A cluster that reports no node (never seen) gets one
    searcher anywhere, with the cluster's CPU count."""
    nodes = node_cpus() or [(None, cluster_cpus())]
    plan, left = [], workers if workers else sum(cpus for _, cpus in nodes)
    for node, cpus in nodes[:max(1, blocks)]:
        if left <= 0:
            break
        plan.append((node, min(cpus, left)))
        left -= plan[-1][1]
    return plan


def share_blocks(threads: list[int], blocks: int) -> list[int]:
    """Which searcher answers each block: in turn, weighted by threads (the searcher with the
    fewest blocks per thread so far takes the next), so a 16-CPU node gets 4x a 4-CPU node's rows."""
    given = [0] * len(threads)
    owner = []
    for _ in range(blocks):
        best = min(range(len(threads)), key=lambda j: ((given[j] + 1) / threads[j], j))
        given[best] += 1
        owner.append(best)
    return owner


def _on_node(node: str | None):
    """Ray's scheduling strategy for a searcher meant for ``node``: placed there while it lives
    (soft: a searcher restarted after its node died may go elsewhere)."""
    if node is None:
        return "DEFAULT"
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    return NodeAffinitySchedulingStrategy(node_id=node, soft=True)


class _Searcher:
    """One node's copy of the index; answers ``search(start, stop, k)`` for rows of the shared
    vectors with ``threads`` faiss threads (the node's CPUs, reserved for this actor)."""

    def __init__(self, refs: list, threads: int = 1) -> None:
        import faiss
        import ray

        index_bytes, vectors = ray.get(refs)
        faiss.omp_set_num_threads(max(1, threads))
        self.index = faiss.deserialize_index(index_bytes)
        self.vectors = vectors  # zero-copy from the object store on this node

    def search(self, start: int, stop: int, k: int) -> tuple[np.ndarray, np.ndarray]:
        from engine.neighbours import drop_self

        fault("neighbours")
        found_sims, found = self.index.search(self.vectors[start:stop], k + 1)
        return drop_self(found_sims, found, np.arange(start, stop), k)


def recall_at_k(approx: np.ndarray, exact: np.ndarray) -> float:
    """Mean share of each row's exact k neighbours that ``approx`` also lists."""
    hits = sum(len(np.intersect1d(a, e, assume_unique=False)) for a, e in zip(approx, exact))
    return hits / exact.size
