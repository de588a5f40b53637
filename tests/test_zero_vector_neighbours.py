"""A zero vector (``--model tfidf``'s text sharing no word with another, fb74f71) ties with every row at distance 1;
the search kept the first rows by index as its neighbours, so every such row's kNN label vote was the labels of the
file's first rows (200 such texts under 12 card_arrival rows: all 200 suggested card_arrival). Its k neighbours are
now drawn at random: distinct, never itself, at distance 1, the same on every build; other rows keep theirs."""

from __future__ import annotations

import numpy as np

from engine.neighbours import build_graph, derive_graph


def _vectors() -> np.ndarray:
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[1::3] = 0.0  # a hundred rows with no direction
    return vectors


def test_a_zero_row_s_neighbours_are_not_the_first_rows() -> None:
    vectors = _vectors()
    graph = build_graph(vectors, k=10, method="exact")
    blind = np.arange(1, 300, 3)
    picked = graph.indices[blind]
    assert np.isin(picked, np.arange(12)).mean() < 0.2, picked[:3]  # rows 0..10 for every one of them before
    assert len(np.unique(picked)) > 150  # spread over the file
    assert all(len(set(row)) == 10 and i not in row for i, row in zip(blind.tolist(), picked.tolist()))
    assert (graph.distances[blind] == 1.0).all()
    again = build_graph(vectors, k=10, method="exact")
    assert np.array_equal(again.indices, graph.indices)
    others = np.setdiff1d(np.arange(300), blind)
    assert not np.isin(graph.indices[others], blind).any()  # a row with a direction is nearer its own kind
    kept = np.setdiff1d(np.arange(300), [0, 2])  # a re-audit's exclusion: the rows that lost one searched again
    derived = derive_graph(graph, vectors[kept], kept, k=10)
    assert derived is not None
    lost_blind = np.flatnonzero(~vectors[kept].any(axis=1))
    assert np.isin(derived.indices[lost_blind], np.arange(12)).mean() < 0.2
