"""The rare-class note counts one class as one: seen on the demo's summary at 80x24 as
'note: 1 class(es) have fewer than 5 rows: some of their rows are predicted by folds that never saw the class'."""

from __future__ import annotations

import numpy as np

from engine.predict import choose_folds


def test_one_rare_class_is_one_class():
    labels = np.array([0] * 20 + [1] * 20 + [2] * 3)
    used, notes = choose_folds(labels, 5)
    assert used == 5
    assert notes == ["1 class has fewer than 5 rows: some of its rows are predicted by folds that never saw it, "
                     "so expect them among the label issues"]


def test_two_rare_classes_are_classes():
    labels = np.array([0] * 20 + [1] * 20 + [2] * 3 + [3] * 2)
    _, notes = choose_folds(labels, 5)
    assert notes == ["2 classes have fewer than 5 rows: some of their rows are predicted by folds that never saw "
                     "their class, so expect them among the label issues"]
