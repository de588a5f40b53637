"""Rows with no direction (all-zero vectors: ``--model tfidf``'s texts sharing no word with another, fb74f71; a text
of no word; an all-zero ``--features`` row) tie with every row at cosine distance 1, and the search keeps the first
rows by index as their neighbours. The non-IID check read that as an order: a shuffled file with a fifth of its rows
so said 'likely not i.i.d.' (p 0.03-0.04; 0.52-0.79 on 3500807, whose SVD gave such rows directions of noise)."""

from __future__ import annotations

import numpy as np

from engine.audit import run_datalab
from engine.neighbours import build_graph


def test_zero_vectors_are_no_evidence_of_row_order() -> None:
    rng = np.random.default_rng(3)
    n = 400
    features = rng.standard_normal((n, 16)).astype(np.float32)
    features[::4] = 0.0  # a hundred rows with no direction, spread through a random order
    norms = np.linalg.norm(features, axis=1, keepdims=True)
    features = np.divide(features, norms, out=np.zeros_like(features), where=norms > 0)
    labels = rng.integers(0, 2, n)
    pred_probs = np.full((n, 2), 0.5, dtype=np.float32)
    graph = build_graph(features, k=10).to_csr()
    output = run_datalab(labels, pred_probs, graph, features=features, issue_types=("non_iid",))
    p_value = output.info["non_iid"]["p-value"]
    assert p_value > 0.05, p_value
