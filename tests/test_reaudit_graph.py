"""Re-audit speed (issue 13): with rows excluded, the corrected audit's exact neighbour graph is
derived from the first audit's (only rows that lost a neighbour are searched again) and equals
the graph a rebuild gives; the regression zeroes subnormal-prone feature values without changing
its result."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import engine.neighbours as neighbours
from engine.corrections import Journal
from engine.neighbours import build_graph, derive_graph
from engine.pipeline import run_audit
from engine.predict import cross_val_pred_probs
from engine.softmax_regression import SPLIT_ROWS, TINY_FEATURE, softmax_regression_probs
from engine.reaudit import reaudit


def _vectors(n: int = 300, dim: int = 24, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((6, dim))
    vectors = centres[rng.integers(0, 6, n)] + 0.6 * rng.standard_normal((n, dim))
    vectors[10] = vectors[11]  # an exact duplicate pair: distance 0 must survive
    vectors[40] = vectors[41]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def _assert_same_graph(derived, rebuilt) -> None:
    assert derived.method == rebuilt.method == "exact"
    assert derived.indices.dtype == rebuilt.indices.dtype and derived.indices.shape == rebuilt.indices.shape
    np.testing.assert_allclose(derived.distances, rebuilt.distances, atol=1e-6)
    same = derived.indices == rebuilt.indices
    # where they differ, it can only be a tie: the two neighbours sit at the same distance
    assert np.all(same | np.isclose(derived.distances, rebuilt.distances, atol=1e-6))
    assert same.mean() > 0.999


@pytest.mark.parametrize("dropped", [[11], [0, 5, 41, 299], list(range(0, 300, 7))])
def test_derived_graph_equals_a_rebuild_and_searches_only_rows_that_lost_a_neighbour(monkeypatch, dropped):
    vectors = _vectors()
    before = build_graph(vectors, k=10)
    kept = np.setdiff1d(np.arange(len(vectors)), dropped)
    searched: list[np.ndarray] = []
    real = neighbours._search_rows
    monkeypatch.setattr(neighbours, "_search_rows",
                        lambda v, rows, k: (searched.append(rows.copy()), real(v, rows, k))[1])
    derived = derive_graph(before, vectors[kept], kept, k=10)
    assert derived is not None
    lost = np.flatnonzero(np.isin(before.indices[kept], dropped).any(axis=1))
    assert len(searched) == 1 and searched[0].tolist() == lost.tolist()
    assert 0 < len(lost) < len(kept)  # some rows kept their lists, some were searched again
    _assert_same_graph(derived, build_graph(vectors[kept], k=10))
    if 10 in kept and 11 not in dropped:
        assert derived.distances[np.searchsorted(kept, 10), 0] == 0.0


def test_derive_refuses_what_it_cannot_derive_exactly():
    vectors = _vectors()
    exact = build_graph(vectors, k=10)
    kept = np.arange(1, len(vectors))
    ivf = neighbours.NeighbourGraph(exact.indices, exact.distances, "ivf")
    assert derive_graph(ivf, vectors[kept], kept, k=10) is None  # approximate: rebuild
    assert derive_graph(exact, vectors[kept], kept, k=5) is None  # another k
    assert derive_graph(exact, vectors[kept][:-1], kept, k=10) is None  # rows and vectors disagree
    assert derive_graph(exact, vectors[kept][::-1], kept[::-1], k=10) is None  # not in order
    other = _vectors(seed=1)  # other vectors for the same rows (TF-IDF re-fits its space when rows go)
    assert derive_graph(exact, other[kept], kept, k=10) is None


def test_tfidf_reaudit_with_an_excluded_row_rebuilds_the_graph(tmp_path: Path):
    """TF-IDF vectors change when a row goes: the audit's graph no longer applies."""
    import sys

    from engine.load import load_dataset
    from engine.pipeline import AuditOptions

    sys.path.insert(0, str(Path(__file__).parent))
    from test_review import _topic_frame

    data = tmp_path / "topics.csv"
    _topic_frame().to_csv(data, index=False)
    options = AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache"))
    before = run_audit(str(data), options)
    dataset = load_dataset(str(data))
    journal_path = tmp_path / "topics.corrections.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        journal.record("exclude", 7, issue_type="outlier")
    again = reaudit(str(data), options, journal_path, before=before)
    fresh = run_audit(again.after.dataset, dataclasses.replace(options, cache_root=str(tmp_path / "fresh")))
    _assert_same_graph(again.after.graph, fresh.graph)


def test_reaudit_with_excluded_rows_derives_the_graph_and_flags_as_a_rebuild(demo_result, tmp_path: Path,
                                                                             monkeypatch):
    dataset, options = demo_result.dataset, demo_result.options
    journal_path = tmp_path / "demo.corrections.jsonl"
    with Journal.open(journal_path, dataset) as journal:
        for row in (3, 17, 40):
            journal.record("exclude", row, issue_type="outlier")
    # the model's graph alone: the TF-IDF view's (corpus-wide vectors) is always built, never derived
    options = dataclasses.replace(options, cache_root=str(tmp_path / "cache"), second_view="none")
    built = []
    real_build = neighbours.build_graph
    monkeypatch.setattr(neighbours, "build_graph", lambda *a, **k: (built.append(1), real_build(*a, **k))[1])
    derived = reaudit(dataset, options, journal_path, before=demo_result)
    assert not derived.after.stage_cache_hits["neighbours"] and built == []  # derived, not rebuilt
    # the same corrected data audited with the graph rebuilt (another cache: no derived entry in it)
    rebuilt = run_audit(derived.after.dataset, dataclasses.replace(options, cache_root=str(tmp_path / "cache2")))
    assert built == [1]
    _assert_same_graph(derived.after.graph, rebuilt.graph)
    for name in ("outlier", "near_duplicate"):
        column = f"is_{name}_issue"
        assert derived.after.output.issues[column].tolist() == rebuilt.output.issues[column].tolist(), name


def test_regression_zeroes_tiny_feature_values_with_the_same_result(monkeypatch):
    """all-MiniLM-L6-v2 has two dead dimensions (~1e-33): the regression must not multiply them
    (subnormal products run in microcode) and its probabilities must not change."""
    import engine.softmax_regression as regression

    rng = np.random.default_rng(1)
    labels = np.repeat(np.arange(3), 30)
    features = rng.standard_normal((3, 8))[labels] + rng.standard_normal((90, 8))
    features[:, 2] = rng.standard_normal(90) * 1e-33  # a dead dimension
    features = features.astype(np.float32)
    seen = []
    real = regression.lbfgs

    def arrays(function, depth: int = 0):  # the 2-D arrays the objective's closures multiply
        for cell in function.__closure__ or ():
            value = cell.cell_contents
            if isinstance(value, np.ndarray) and value.ndim == 2 and value.shape[1] == 8:
                seen.append(value)
            elif callable(value) and getattr(value, "__closure__", None) and depth < 3:
                arrays(value, depth + 1)

    def lbfgs(loss_and_grad, start, **kwargs):
        arrays(loss_and_grad)
        return real(loss_and_grad, start, **kwargs)

    monkeypatch.setattr(regression, "lbfgs", lbfgs)
    probs = softmax_regression_probs(features[::2], labels[::2], features[1::2], 3, 10.0)
    assert seen and all(not np.any((np.abs(x) > 0) & (np.abs(x) < TINY_FEATURE)) for x in seen)
    zeroed = features.copy()
    zeroed[:, 2] = 0.0
    assert np.array_equal(probs, softmax_regression_probs(zeroed[::2], labels[::2], zeroed[1::2], 3, 10.0))
    graph = build_graph(features / np.linalg.norm(features, axis=1, keepdims=True), k=10).indices
    assert cross_val_pred_probs(features, labels, 3, folds=3, neighbours=graph).pred_probs.shape == (90, 3)


def test_vote_weight_takes_the_logs_once_and_picks_what_pooled_probs_picks(monkeypatch):
    import engine.predict as predict

    rng = np.random.default_rng(2)
    labels = rng.integers(0, 5, 400)
    model = rng.dirichlet(np.ones(5) * 0.4, 400)
    neighbours_ = rng.integers(0, 400, (400, 10))
    votes = predict.knn_vote_probs(neighbours_, labels, 5)
    picked = np.arange(400)
    reference = [-np.log(np.maximum(predict.pooled_probs(model, votes, 10, w)[picked, labels], 1e-300)).mean()
                 for w in predict.VOTE_WEIGHTS]
    calls = []
    real = predict._pool_logs
    monkeypatch.setattr(predict, "_pool_logs", lambda *a: (calls.append(1), real(*a))[1])
    weight = predict.vote_weight(model, votes, labels, 10)
    assert weight == float(predict.VOTE_WEIGHTS[int(np.argmin(reference))])
    assert calls == [1]  # the two (n, classes) logs once, not once per candidate weight


def test_a_regression_given_a_pool_computes_its_halves_there_with_the_same_result(monkeypatch):
    """A fold that runs alone uses every core (SPLIT_ROWS): the halves of each loss+gradient go to
    the pool, and the numbers are those computed without one."""
    from concurrent.futures import ThreadPoolExecutor

    import engine.predict as predict

    rng = np.random.default_rng(4)
    labels = np.repeat(np.arange(4), 700)
    features = (rng.standard_normal((4, 16))[labels] + 1.5 * rng.standard_normal((2800, 16))).astype(np.float32)
    features /= np.linalg.norm(features, axis=1, keepdims=True)
    assert len(features) * 4 // 5 >= SPLIT_ROWS

    class Counting(ThreadPoolExecutor):
        submitted = 0

        def submit(self, *args, **kwargs):
            Counting.submitted += 1
            return super().submit(*args, **kwargs)

    with Counting(2) as pool:
        split = softmax_regression_probs(features[:2240], labels[:2240], features[2240:], 4, 10.0, pool=pool)
    assert Counting.submitted > 0
    alone = softmax_regression_probs(features[:2240], labels[:2240], features[2240:], 4, 10.0)
    assert np.array_equal(split, alone)
    pools = []
    real = predict.fold_probs
    monkeypatch.setattr(predict, "fold_probs", lambda *a, **k: (pools.append(k.get("pool")), real(*a, **k))[1])
    graph = build_graph(features, k=10).indices
    with_pool = cross_val_pred_probs(features, labels, 4, folds=5, neighbours=graph)
    assert len(pools) == 5 and all(p is not None for p in pools)
    monkeypatch.setattr(predict, "fold_probs", lambda *a, **k: real(*a, **{**k, "pool": None}))
    assert np.array_equal(with_pool.pred_probs, cross_val_pred_probs(features, labels, 4, folds=5,
                                                                     neighbours=graph).pred_probs)
