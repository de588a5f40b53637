"""Multi-label folds are stratified over every label (engine/multilabel_folds.py), not only over
each set's first label: a label that only ever came second (a rare topic on rows of a common
intent) could fall wholly into one test fold, and that fold's models then never saw it."""

from __future__ import annotations

import numpy as np
import pytest

import engine.multilabel_predict as multilabel_predict
from engine.multilabel import indicator
from engine.multilabel_folds import iterative_folds, iterative_splits


def common_first_rare_second(n: int = 2000, common: int = 3, rare: int = 40, seed: int = 0):
    """Every row has one of ``common`` labels; ``rare`` more labels sit on 2-4 rows each, always
    beside a common one (and with a higher index, so never the set's first label)."""
    rng = np.random.default_rng(seed)
    sets = [{int(rng.integers(0, common))} for _ in range(n)]
    for label in range(common, common + rare):
        for row in rng.choice(n, size=int(rng.integers(2, 5)), replace=False):
            sets[row].add(label)
    return [tuple(sorted(s)) for s in sets], common + rare


def test_every_rare_label_is_in_every_training_fold_of_the_cross_validation(monkeypatch):
    sets, n_labels = common_first_rare_second()
    trained: list[np.ndarray] = []

    def spy(x_train, y_train, x_test, C, **_):  # the label counts each fold's models see
        trained.append(np.asarray(y_train).sum(axis=0))
        return np.full((len(x_test), y_train.shape[1]), 0.5)

    monkeypatch.setattr(multilabel_predict, "ovr_logistic_probs", spy)
    features = np.random.default_rng(1).normal(size=(len(sets), 8)).astype(np.float32)
    multilabel_predict.cross_val_label_probs(features, sets, n_labels, folds=5, blend=False)
    assert len(trained) == 5
    absent = [(fold, label) for fold, counts in enumerate(trained) for label in range(n_labels) if counts[label] == 0]
    assert absent == [], absent


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_rarest_labels_are_dealt_evenly_and_every_row_placed_once(seed):
    sets, n_labels = common_first_rare_second(seed=seed)
    targets = indicator(sets, n_labels)
    fold = iterative_folds(targets, 5, seed)
    assert fold.shape == (len(sets),) and set(fold.tolist()) == set(range(5))
    per_fold = np.stack([targets[fold == f].sum(axis=0) for f in range(5)])  # (5, labels)
    count = targets.sum(axis=0)
    rare = np.flatnonzero(count < 5)  # 2-4 rows: at most one in any test fold
    assert (per_fold[:, rare] <= 1).all(), per_fold[:, rare]
    sizes = np.bincount(fold)
    assert sizes.max() - sizes.min() <= 0.05 * len(sets) / 5, sizes
    again = iterative_folds(targets, 5, seed)
    assert np.array_equal(fold, again)  # the seed fixes the folds


def test_rows_without_labels_and_splits_as_stratified_kfold_gives_them():
    targets = np.zeros((12, 3), dtype=bool)
    targets[:6, 0] = True
    targets[6:8, 1] = True  # rows 8..11 have no label
    splits = iterative_splits(targets, 3, seed=4)
    assert len(splits) == 3
    tests = np.concatenate([test for _, test in splits])
    assert sorted(tests.tolist()) == list(range(12))  # each row in exactly one test fold
    for train, test in splits:
        assert sorted(np.concatenate([train, test]).tolist()) == list(range(12))
        assert targets[test, 0].sum() == 2 and targets[test, 1].sum() <= 1
        assert len(test) == 4


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        iterative_folds(np.zeros(5), 2)
    with pytest.raises(ValueError):
        iterative_folds(np.zeros((5, 2)), 1)


class SetAfter:
    """A cancel event that reads as set from its ``calls``-th look on."""

    def __init__(self, calls: int) -> None:
        self.looks, self.calls = 0, calls

    def is_set(self) -> bool:
        self.looks += 1
        return self.looks >= self.calls


def test_a_cancel_stops_the_folds_while_they_are_dealt():
    """review22: iterative folds took 3.5 s at 1M rows with no look at the cancel inside; the
    cross-validation looked only once they were all dealt. Now every CANCEL_EVERY rows."""
    from engine.errors import Cancelled
    from engine.multilabel_folds import CANCEL_EVERY

    sets, n_labels = common_first_rare_second(n=4 * CANCEL_EVERY)
    targets = indicator(sets, n_labels)
    never = SetAfter(10**9)
    assert np.array_equal(iterative_folds(targets, 5, cancel=never), iterative_folds(targets, 5))  # the same folds
    assert never.looks >= 4  # looked at while dealing, not once at the end
    cancel = SetAfter(3)  # set while the rows of the labels are dealt
    with pytest.raises(Cancelled, match="cancelled"):
        iterative_folds(targets, 5, cancel=cancel)
    assert cancel.looks == 3
    features = np.zeros((len(sets), 4), dtype=np.float32)
    with pytest.raises(Cancelled):  # the cross-validation hands its cancel to the folds
        multilabel_predict.cross_val_label_probs(features, sets, n_labels, folds=5, blend=False, cancel=SetAfter(2))
