"""Out-of-fold probabilities must be out of sample: a fold's probabilities may not depend on the
labels of its own test rows. Folds 1-4 used to start from fold 0's solution, which was fitted on
their test rows, and the solver stopped before forgetting them (leak40: shuffled 1,980:20 labels
ranked the rare rows at AUC 0.78-0.82 by their own out-of-fold p(rare)). Every fold of a fresh
audit now starts cold, locally and on Ray (one fold per task), so both give the same fold."""

from __future__ import annotations

import numpy as np

from engine.distributed.folds import _fold
from engine.neighbours import build_graph
from engine.predict import _run_folds


def _data(rows: int = 400, dim: int = 16, classes: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(rows, dim)).astype(np.float32)
    features /= np.linalg.norm(features, axis=1, keepdims=True)
    labels = rng.integers(0, classes, rows)  # labels at random: only memorisation predicts them
    fold_of = np.arange(rows) % 5
    splits = [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(5)]
    return features, labels, classes, splits, build_graph(features, k=10).indices


def _model_probs(features, labels, classes, splits, neighbours) -> np.ndarray:
    """The regression's out-of-fold probabilities (before the kNN votes, which read neighbours' labels)."""
    probs = np.zeros((len(labels), classes))
    _run_folds(features, labels, splits, classes, classifier="logreg-knn", C=10.0, seed=0, neighbours=neighbours,
               warm=None, pred_probs=probs, progress=None, cancel=None)
    return probs


def test_fold_probs_do_not_read_their_own_test_labels() -> None:
    features, labels, classes, splits, neighbours = _data()
    before = _model_probs(features, labels, classes, splits, neighbours)
    for fold in range(5):
        test = splits[fold][1]
        changed = labels.copy()
        changed[test] = (labels[test] + 1) % classes  # every test row of this fold relabelled
        after = _model_probs(features, changed, classes, splits, neighbours)
        assert np.array_equal(before[test], after[test]), f"fold {fold}'s probabilities moved with its own test labels"


def test_local_folds_equal_ray_tasks_folds() -> None:
    """The Ray path's task (engine/distributed/folds._fold, cold) gives each fold what the local runner gives."""
    features, labels, classes, splits, neighbours = _data(seed=1)
    local = _model_probs(features, labels, classes, splits, neighbours)
    for fold, (train, test) in enumerate(splits):
        probs, _ = _fold(features, labels, train, test, classes, "logreg-knn", 10.0, 0, neighbours, None)
        assert np.allclose(probs, local[test], rtol=0, atol=1e-12), fold


def test_multilabel_fold_probs_do_not_read_their_own_test_labels(monkeypatch) -> None:
    """The multi-label path (engine/multilabel_predict.py) chained each fold from the previous one's."""
    import engine.multilabel_folds as multilabel_folds
    from engine.multilabel_predict import cross_val_label_probs

    features, labels, classes, splits, _ = _data(seed=2)
    monkeypatch.setattr(multilabel_folds, "iterative_splits", lambda *args, **kwargs: splits)
    sets = [(int(label),) for label in labels]
    before = cross_val_label_probs(features, sets, classes, blend=False).pred_probs
    for fold in range(5):
        test = set(splits[fold][1].tolist())
        changed = [((label + 1) % classes,) if row in test else (label,) for row, (label,) in enumerate(sets)]
        after = cross_val_label_probs(features, changed, classes, blend=False).pred_probs
        rows = splits[fold][1]
        assert np.array_equal(before[rows], after[rows]), f"fold {fold}'s probabilities moved with its own test labels"
