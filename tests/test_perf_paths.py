"""Fast checks of the performance paths: HNSW graph, centroid+kNN classifier, precision."""

from __future__ import annotations

import numpy as np
import pytest
import synthetic

from engine.embed import embed_texts, resolve_precision
from engine.errors import UsageError
from engine.neighbours import build_graph
from engine.predict import (
    CLASSIFIERS,
    centroid_probs,
    cross_val_pred_probs,
    knn_vote_probs,
)


def clustered(n_per_class: int = 40, classes: int = 4, dim: int = 16, seed: int = 0):
    return synthetic.clustered(n_per_class, classes, dim, seed)


def test_hnsw_forced_matches_exact_and_keeps_duplicates_at_zero():
    vectors, _ = clustered()
    vectors[7] = vectors[3]  # an exact duplicate pair
    exact = build_graph(vectors, k=5, method="exact")
    approx = build_graph(vectors, k=5, method="hnsw")
    assert approx.method == "hnsw"
    same = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact.indices, approx.indices)])
    assert same > 0.98
    assert approx.distances[3, 0] == 0.0 and approx.indices[3, 0] == 7
    assert not np.any(approx.indices == np.arange(len(vectors))[:, None])  # no self-neighbour


def test_knn_votes_ignore_the_rows_own_label():
    vectors, labels = clustered()
    neighbours = build_graph(vectors, k=5).indices
    before = knn_vote_probs(neighbours, labels, 4)
    changed = labels.copy()
    changed[0] = (labels[0] + 1) % 4
    after = knn_vote_probs(neighbours, changed, 4)
    np.testing.assert_allclose(before[0], after[0])
    np.testing.assert_allclose(before.sum(axis=1), 1.0)


def test_centroid_probs_give_zero_to_classes_absent_from_training():
    vectors, labels = clustered()
    probs = centroid_probs(vectors[labels != 2], labels[labels != 2], vectors, 4)
    assert np.all(probs[:, 2] == 0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-6)


@pytest.mark.parametrize("classifier", CLASSIFIERS)
def test_every_classifier_gives_valid_out_of_fold_probs_and_finds_a_flip(classifier):
    vectors, labels = clustered()
    noisy = labels.copy()
    noisy[5] = 3  # row 5 sits in class 0's cluster
    result = cross_val_pred_probs(vectors, noisy, 4, folds=5, classifier=classifier)
    probs = result.pred_probs
    assert probs.shape == (len(labels), 4)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    self_confidence = probs[np.arange(len(noisy)), noisy]
    assert int(np.argmin(self_confidence)) == 5
    assert probs[5].argmax() == 0


def test_precision_resolution():
    assert resolve_precision("auto", "cuda") == "fp16"
    assert resolve_precision("fp32", "cpu") == "fp32"
    assert resolve_precision("auto", "mps") == "fp32"
    with pytest.raises(UsageError):
        resolve_precision("int3", "cpu")
    with pytest.raises(UsageError, match="fp16 needs a CUDA device"):
        resolve_precision("fp16", "cpu")


def test_bf16_embeddings_agree_with_fp32():
    texts = ["how do I top up my card", "my transfer has not arrived", "card declined at shop"]
    exact = embed_texts(texts, device="cpu", precision="fp32")
    fast = embed_texts(texts, device="cpu", precision="bf16")
    assert fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, rtol=1e-5)
    assert np.min(np.sum(exact * fast, axis=1)) > 0.999


def test_exact_similarities_rescore_puts_duplicates_at_zero_distance():
    vectors, _ = clustered()
    vectors[9] = vectors[2]
    graph = build_graph(vectors, k=4, method="exact")
    from engine.neighbours import exact_similarities

    sims = exact_similarities(vectors, graph.indices, rows_per_block=7)
    np.testing.assert_allclose(1.0 - sims, graph.distances, atol=1e-5)
    assert 1.0 - sims[2, 0] < 1e-6


def test_faiss_exact_matches_numpy_exact_even_with_many_duplicates():
    from engine.neighbours import _exact_faiss, _exact_numpy

    vectors, _ = clustered()
    vectors[10:20] = vectors[10]  # ten identical rows: self may not come first
    fast_sims, fast_idx = _exact_faiss(vectors, 5, None, None)
    slow_sims, slow_idx = _exact_numpy(vectors, 5, None, None)
    assert not np.any(fast_idx == np.arange(len(vectors))[:, None])
    np.testing.assert_allclose(np.sort(fast_sims, axis=1), np.sort(slow_sims, axis=1), atol=1e-5)


def test_softmax_regression_matches_sklearn_logistic_regression():
    from sklearn.linear_model import LogisticRegression

    from engine.softmax_regression import softmax_regression_probs

    vectors, labels = clustered(n_per_class=30)
    ours = softmax_regression_probs(vectors[::2], labels[::2], vectors[1::2], 4, C=10.0)
    theirs = LogisticRegression(C=10.0, max_iter=2000, tol=1e-8).fit(vectors[::2], labels[::2])
    np.testing.assert_allclose(ours, theirs.predict_proba(vectors[1::2]), atol=2e-3)


def test_ivf_forced_matches_exact_on_small_clustered_data_with_duplicates_at_zero():
    vectors, _ = clustered()
    vectors[7] = vectors[3]
    exact = build_graph(vectors, k=5, method="exact")
    approx = build_graph(vectors, k=5, method="ivf")
    same = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact.indices, approx.indices)])
    assert same > 0.98
    assert approx.distances[3, 0] == 0.0 and approx.indices[3, 0] == 7


def test_gpu_search_path_on_the_cpu_device_matches_exact_and_can_be_cancelled():
    """The CUDA path's blocked fp16 matmul + top-k, run on torch's CPU device (no GPU here)."""
    import threading

    from engine.errors import Cancelled

    vectors, _ = clustered()
    vectors[7] = vectors[3]
    exact = build_graph(vectors, k=5, method="exact")
    steps: list[tuple[int, int]] = []
    on_torch = build_graph(vectors, k=5, method="exact-gpu", device="cpu", progress=lambda d, n: steps.append((d, n)))
    same = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact.indices, on_torch.indices)])
    assert same > 0.98
    assert on_torch.distances[3, 0] == 0.0 and on_torch.indices[3, 0] == 7
    assert not np.any(on_torch.indices == np.arange(len(vectors))[:, None])
    assert steps[-1] == (len(vectors), len(vectors))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        build_graph(vectors, k=5, method="exact-gpu", device="cpu", cancel=cancel)


def test_softmax_regression_warm_start_reaches_the_same_model():
    """Seeding a fold with another fold's solution (cross-validation's warm start) changes
    where the solver starts, not the model it returns; the solution is in original
    coordinates even though the solver works on centred features."""
    from engine.softmax_regression import softmax_regression_probs

    vectors, labels = clustered(n_per_class=30)
    vectors = vectors + 0.5  # far from centred: the centring must be undone in the solution
    first: list = []
    softmax_regression_probs(vectors[:90], labels[:90], vectors[:1], 4, C=10.0, solution_out=first)
    assert first[0].shape == (4, vectors.shape[1] + 1)
    cold = softmax_regression_probs(vectors[::2], labels[::2], vectors[1::2], 4, C=10.0)
    warm = softmax_regression_probs(vectors[::2], labels[::2], vectors[1::2], 4, C=10.0, start=first[0])
    np.testing.assert_allclose(warm, cold, atol=2e-3)
    again: list = []
    softmax_regression_probs(vectors[::2], labels[::2], vectors[1::2], 4, C=10.0, solution_out=again)
    weights, bias = again[0][:, :-1], again[0][:, -1]
    logits = vectors[1::2] @ weights.T + bias
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    np.testing.assert_allclose(probs / probs.sum(axis=1, keepdims=True), cold, atol=1e-5)


def test_lbfgs_finds_the_minimum_of_an_ill_conditioned_quadratic():
    from engine.softmax_regression import lbfgs

    curvature = np.linspace(1.0, 1000.0, 50)
    target = np.linspace(-1.0, 1.0, 50)

    def loss_and_grad(x):
        diff = x - target
        return 0.5 * float(curvature @ diff**2), curvature * diff

    found = lbfgs(loss_and_grad, np.zeros(50), gtol=1e-8, ftol=0.0, max_iter=500)
    np.testing.assert_allclose(found, target, atol=1e-6)


def test_ivf_searches_more_cells_as_the_cells_grow():
    """A fixed nprobe lost recall as cells grew with sqrt(n) (100k: 0.968): a share, bounded."""
    from engine.neighbours import ivf_nprobe

    assert [ivf_nprobe(c) for c in (10, 64, 894, 1264, 4000, 40_000)] == [10, 16, 17, 25, 32, 32]
