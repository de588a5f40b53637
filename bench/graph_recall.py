"""Recall@k of a cached neighbour graph against exact search, on a random sample of rows.

Exact search over all rows costs n^2 (hours at 1M rows on 2 cores); the recall of a sample of
rows needs only ``sample x n`` products and is an unbiased estimate of the mean recall:

    .venv/bin/python bench/graph_recall.py /work/scale-keep/n1000000-texts-bf16/cache-local

Reads every ``embeddings/*/vectors.npy`` and ``neighbours/*/indices.npy`` pair of the cache
with the same row count (the graph textaudit built and cached, IVF above 30,000 rows), searches
the sampled rows exactly (faiss IndexFlatIP, as the local exact path) and prints one JSON line:
the recall with its binomial 95% interval, and how many sampled rows with an exact duplicate
found it at distance 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def sampled_recall(vectors: np.ndarray, indices: np.ndarray, distances: np.ndarray | None,
                   sample: int, seed: int = 0) -> dict:
    """Recall@k of ``indices`` for ``sample`` random rows against their exact k neighbours."""
    from engine.neighbours import _search_rows

    n, k = indices.shape
    rows = np.sort(np.random.default_rng(seed).choice(n, min(sample, n), replace=False))
    started = time.perf_counter()
    exact_sims, exact = _search_rows(np.ascontiguousarray(vectors, dtype=np.float32), rows, k)
    exact_s = time.perf_counter() - started
    # ties: a row whose k-th exact similarity equals the (k+1)-th has several right answers;
    # count a listed neighbour as a hit when its similarity reaches the k-th exact one
    listed = indices[rows]
    sims = np.einsum("ij,ikj->ik", vectors[rows].astype(np.float32), vectors[listed].astype(np.float32))
    kth = np.sort(exact_sims, axis=1)[:, 0]
    strict = np.mean([len(np.intersect1d(a, e)) / k for a, e in zip(listed, exact)])
    with_ties = float(np.mean((sims >= kth[:, None] - 1e-6).sum(axis=1).clip(max=k) / k))
    half = 1.96 * np.sqrt(strict * (1 - strict) / (len(rows) * k))
    out = {"rows": n, "k": k, "sampled_rows": len(rows), "recall_at_k": round(float(strict), 4),
           "recall_95pct_interval": [round(float(strict - half), 4), round(float(strict + half), 4)],
           "recall_counting_ties": round(with_ties, 4), "exact_search_s": round(exact_s, 1)}
    if distances is not None:
        duplicated = exact_sims.max(axis=1) >= 1 - 1e-6
        out["sampled_rows_with_an_exact_duplicate"] = int(duplicated.sum())
        out["of_them_listed_at_distance_0"] = int((duplicated & (distances[rows, 0] == 0.0)).sum())
    return out


def built_from(vectors: np.ndarray, indices: np.ndarray, distances: np.ndarray, rows: int = 64) -> bool:
    """Whether the graph's stored cosine distances are those of these vectors (the cache does not
    link a graph to its embeddings entry; a few rows' first neighbours tell)."""
    picked = np.random.default_rng(1).choice(len(indices), min(rows, len(indices)), replace=False)
    a = np.asarray(vectors[picked], dtype=np.float32)
    b = np.asarray(vectors[indices[picked, -1]], dtype=np.float32)
    cosine = np.einsum("ij,ij->i", a, b) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return bool(np.allclose(1.0 - cosine, distances[picked, -1], atol=2e-3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path, help="a textaudit cache root (holding v1/...)")
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()
    vectors_files = sorted(args.cache.glob("*/embeddings/*/vectors.npy"))
    graphs = sorted(args.cache.glob("*/neighbours/*/indices.npy"))
    if not vectors_files or not graphs:
        sys.exit(f"graph_recall: {args.cache}: no cached vectors and graph")
    for vectors_file in vectors_files:
        vectors = np.load(vectors_file, mmap_mode="r")
        for graph in graphs:
            indices = np.load(graph)
            if len(indices) != len(vectors):
                continue
            distances_file = graph.with_name("distances.npy")
            distances = np.load(distances_file) if distances_file.exists() else None
            if distances is None or not built_from(vectors, indices, distances):
                continue  # another dataset's graph with the same row count
            result = sampled_recall(np.asarray(vectors), indices, distances, args.sample)
            print(json.dumps({"bench": "graph recall (sampled)", "vectors": str(vectors_file),
                              "graph": str(graph), **result}))


if __name__ == "__main__":
    main()
