"""Each engine stage on its own, on tiny real inputs (the bundled model, not a mock)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.embed import embed_texts
from engine.neighbours import build_graph
from engine.predict import choose_folds, cross_val_pred_probs

TEXTS = [
    "I lost my card",
    "my card was stolen",
    "where is my card, I can't find it",
    "what is my balance",
    "how much money do I have",
    "show my account balance",
]


def test_bundled_model_embeds_to_unit_vectors():
    vectors = embed_texts(TEXTS, device="cpu")
    assert vectors.shape == (6, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 3]  # card texts closer to each other than to balance texts


def test_embedding_keeps_row_order_and_reports_progress():
    seen: list[tuple[int, int]] = []
    vectors = embed_texts(TEXTS, device="cpu", chunk_size=2, progress=lambda d, t: seen.append((d, t)))
    again = embed_texts(TEXTS[::-1], device="cpu")
    np.testing.assert_allclose(vectors[::-1], again, atol=1e-5)
    # one report per chunk of 2; a slow chunk may add reports from inside it (throttled by time)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and {total for _, total in seen} == {6}
    assert {(2, 6), (4, 6)} <= set(seen) and seen[-1] == (6, 6)


def test_tfidf_vectors_need_no_torch():
    vectors = embed_texts(TEXTS, model="tfidf")
    assert vectors.shape[0] == 6
    # 'how much money do I have' shares no word with another text: a zero vector (engine/tfidf.py)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), [1, 1, 1, 1, 0, 1], atol=1e-5)


def test_cross_validation_is_out_of_sample_and_sums_to_one():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8))
    labels = np.repeat(np.arange(3), 20)
    features = centres[labels] + 0.1 * rng.normal(size=(60, 8))
    result = cross_val_pred_probs(features, labels, 3, folds=5)
    assert result.pred_probs.shape == (60, 3)
    np.testing.assert_allclose(result.pred_probs.sum(axis=1), 1.0, atol=1e-5)
    assert (result.pred_probs.argmax(axis=1) == labels).mean() > 0.95
    # a row that is its own class can't be predicted out of sample: proves no leakage
    labels_with_singleton = labels.copy()
    labels_with_singleton[0] = 3
    odd = cross_val_pred_probs(features, labels_with_singleton, 4, folds=5)
    assert odd.pred_probs[0, 3] < 0.01
    assert any("1 class has a single row" in note for note in odd.notes)


def test_folds_shrink_when_every_class_is_tiny():
    used, notes = choose_folds(np.array([0, 0, 1, 1, 2, 2]), 5)
    assert used == 2 and notes


def test_neighbour_graph_is_exact_sorted_and_keeps_duplicates_at_zero():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(50, 16)).astype(np.float32)
    vectors[7] = vectors[3]  # an exact duplicate
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    graph = build_graph(vectors, k=5, method="exact")
    assert graph.indices.shape == (50, 5)
    assert graph.indices[3, 0] == 7 and graph.distances[3, 0] == 0.0
    assert np.all(np.diff(graph.distances, axis=1) >= 0)
    assert not np.any(graph.indices == np.arange(50)[:, None])  # no self-neighbour
    brute = 1 - vectors @ vectors.T
    np.fill_diagonal(brute, np.inf)
    np.testing.assert_allclose(np.sort(brute, axis=1)[:, :5], graph.distances, atol=1e-5)
    csr = graph.to_csr()
    assert csr.nnz == 250  # the explicit zero is stored


@pytest.mark.parametrize("method", ["hnsw"])
def test_approximate_graph_finds_the_same_near_neighbours(method):
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = build_graph(vectors, k=5, method="exact")
    approx = build_graph(vectors, k=5, method=method)
    recall = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact.indices, approx.indices)])
    assert recall > 0.95


def test_bundled_model_loads_without_touching_the_environment(monkeypatch):
    import os

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    embed_texts(["hello"], device="cpu")
    assert "HF_HUB_OFFLINE" not in os.environ  # a later hf:NAME load may still go online


def test_unknown_model_name_is_one_usage_error(monkeypatch):
    """A name the hub answers for but does not know (the hub stood in by a probe that answers):
    the command line's fault, 2; an unreachable hub is 1 (tests/test_model_hub_unreachable.py)."""
    from huggingface_hub import constants

    import engine.hub
    from engine.errors import UsageError

    import sentence_transformers

    def hub_answers(path, **_):  # what sentence-transformers raises for a name the hub lacks
        raise OSError(f"{path} is not a local folder and is not a valid model identifier listed on "
                      "'https://huggingface.co/models'")

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(engine.hub, "hub_unreachable", lambda: None)
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", hub_answers)
    with pytest.raises(UsageError, match="no-such-org/no-such-model"):
        embed_texts(["hello"], model="no-such-org/no-such-model", device="cpu")


def test_tfidf_with_no_words_is_a_data_error():
    from engine.errors import DataError

    with pytest.raises(DataError, match="no words"):
        embed_texts(["😀", "! ?"], model="tfidf")


def test_lone_surrogates_are_embedded_not_fatal():
    vectors = embed_texts(["card lost", "bad \ud800 surrogate"], device="cpu")
    assert vectors.shape == (2, 384) and np.isfinite(vectors).all()


def _blobs(n_per_class: int = 40, classes: int = 4, seed: int = 3):
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(classes), n_per_class)
    features = rng.normal(size=(classes, 16))[labels] + 0.8 * rng.normal(size=(len(labels), 16))
    return features / np.linalg.norm(features, axis=1, keepdims=True), labels


def test_folds_side_by_side_give_what_folds_one_by_one_give(monkeypatch):
    """Folds run on the machine's cores; the result may not depend on how many run at once."""
    import os

    features, labels = _blobs()
    graph = build_graph(features.astype(np.float32), k=10).indices
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    one = cross_val_pred_probs(features, labels, 4, folds=5, neighbours=graph)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    many = cross_val_pred_probs(features, labels, 4, folds=5, neighbours=graph)
    np.testing.assert_array_equal(one.pred_probs, many.pred_probs)
    np.testing.assert_array_equal(one.folds.solutions, many.folds.solutions)
    assert one.folds.solutions.shape[0] == 5


def test_a_failing_fold_fails_the_cross_validation(monkeypatch):
    from engine import predict

    features, labels = _blobs()
    real = predict.fold_probs
    calls = []

    def fold_probs(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise MemoryError("fold 3")
        return real(*args, **kwargs)

    monkeypatch.setattr(predict, "fold_probs", fold_probs)
    with pytest.raises(MemoryError, match="fold 3"):
        cross_val_pred_probs(features, labels, 4, folds=5)


def test_cancel_stops_before_the_next_fold():
    import threading

    from engine.errors import Cancelled

    features, labels = _blobs()
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        if done:  # 0: the folds announced before the first one starts
            cancel.set()  # after the first fold: no other fold may start

    with pytest.raises(Cancelled):
        cross_val_pred_probs(features, labels, 4, folds=5, progress=progress, cancel=cancel)
    assert seen == [0, 1]
