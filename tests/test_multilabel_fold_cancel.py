"""A cancel stops the multi-label fold being fitted, as e65b114 made it for single-label data: the
one-vs-rest regression's solver looks at the cancel event every iteration; it was looked at only
between folds, so escape waited for the fold to end (minutes on a large set)."""

from __future__ import annotations

import numpy as np
import pytest
from test_predict_progress_start import SetAfter

from engine.errors import Cancelled
from engine.multilabel_predict import cross_val_label_probs


def test_a_cancel_stops_the_multilabel_fold_being_fitted():
    rng = np.random.default_rng(1)
    first = rng.integers(0, 4, 400)
    sets = [tuple(sorted({int(a), int(b)})) for a, b in zip(first, rng.integers(0, 4, 400))]
    features = (rng.normal(size=(400, 16)) + 0.5 * first[:, None]).astype(np.float32)
    seen: list[int] = []
    cancel = SetAfter(3)  # the fold's own look before it starts, then the solver's
    with pytest.raises(Cancelled):
        cross_val_label_probs(features, sets, 4, folds=5, cancel=cancel, blend=False,
                              progress=lambda done, total: seen.append(done))
    assert seen == [], seen  # no fold finished


def test_without_a_cancel_every_fold_finishes():
    rng = np.random.default_rng(2)
    sets = [(int(a),) for a in rng.integers(0, 3, 120)]
    features = rng.normal(size=(120, 8)).astype(np.float32)
    seen: list[int] = []
    result = cross_val_label_probs(features, sets, 3, folds=3, blend=False,
                                   progress=lambda done, total: seen.append(done))
    assert seen == [1, 2, 3] and result.pred_probs.shape == (120, 3)
