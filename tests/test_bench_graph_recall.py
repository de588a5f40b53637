"""bench/graph_recall.py: the sampled recall estimate and the vectors-to-graph pairing."""

from __future__ import annotations

import numpy as np

from bench.graph_recall import built_from, sampled_recall
from engine.neighbours import build_graph


def _vectors(n: int = 600, dim: int = 16) -> np.ndarray:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors[5] = vectors[6]  # one exact duplicate pair
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_exact_graph_has_recall_one_and_its_duplicates_at_zero():
    vectors = _vectors()
    graph = build_graph(vectors, method="exact")
    out = sampled_recall(vectors, graph.indices, graph.distances, sample=len(vectors))
    assert out["recall_at_k"] == 1.0
    assert out["sampled_rows_with_an_exact_duplicate"] == 2 and out["of_them_listed_at_distance_0"] == 2
    assert built_from(vectors, graph.indices, graph.distances)


def test_a_damaged_graph_scores_lower_and_is_not_paired_with_other_vectors():
    vectors = _vectors()
    graph = build_graph(vectors, method="exact")
    damaged = graph.indices.copy()
    damaged[:, 5:] = np.random.default_rng(0).integers(0, len(vectors), (len(vectors), damaged.shape[1] - 5))
    out = sampled_recall(vectors, damaged, graph.distances, sample=300)
    assert 0.45 <= out["recall_at_k"] <= 0.6
    assert out["recall_95pct_interval"][0] < out["recall_at_k"] < out["recall_95pct_interval"][1]
    assert not built_from(_vectors()[::-1].copy(), graph.indices, graph.distances)
