"""The predict stage says how many folds are coming before the first one ends.

Seen in tmux on a 220,000-row CSV (load 5): the progress screen read 'predict    starting · 2m50s'
with a pulsing bar until the first fold ended (it runs alone; the others start from its
solution), then '1/5 folds'. 'starting' for minutes reads as stuck. The stage now reports its
folds at once and the line reads '0/5 folds · 2m04s'.
"""

from __future__ import annotations

import numpy as np

from engine.predict import cross_val_pred_probs
from tui.screens.progress import StageClock


def test_the_folds_are_reported_before_the_first_one_is_fitted():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 30)
    features = (rng.normal(size=(90, 8)) + labels[:, None]).astype(np.float32)
    seen: list[tuple[int, int]] = []
    cross_val_pred_probs(features, labels, 3, folds=5, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5), seen
    assert seen[-1] == (5, 5) and [d for d, _ in seen] == sorted(d for d, _ in seen), seen


def test_the_line_counts_zero_folds_done_rather_than_starting():
    clock = StageClock("predict", started=100.0)
    clock.report(100.0, 0, 1, "starting")  # the stage runner's first word
    clock.report(100.1, 0, 5, "")  # the folds, none fitted yet
    assert clock.loading
    assert clock.line(224.0) == "predict    0/5 folds · 2m04s"
    clock.report(270.0, 1, 5, "")
    assert clock.line(271.0).startswith("predict    1/5 folds · ")


class SetAfter:
    """A cancel event that is set from its ``checks``-th look on (no timing involved)."""

    def __init__(self, checks: int) -> None:
        self.looks, self.checks = 0, checks

    def is_set(self) -> bool:
        self.looks += 1
        return self.looks >= self.checks


def test_a_cancel_stops_the_fold_being_fitted():
    """On 220,000 rows escape said 'cancelling… (the current step stops at its next check)' and
    the first fold ran on for minutes: cancel was looked at only between folds. The solver looks
    at it every iteration now, so the first fold never finishes."""
    import pytest

    from engine.errors import Cancelled

    rng = np.random.default_rng(1)
    labels = rng.integers(0, 4, 400)
    features = (rng.normal(size=(400, 16)) + 0.5 * labels[:, None]).astype(np.float32)
    seen: list[int] = []
    cancel = SetAfter(3)  # the fold's own look before it starts, then the solver's
    with pytest.raises(Cancelled):
        cross_val_pred_probs(features, labels, 4, folds=5, cancel=cancel,
                             progress=lambda done, total: seen.append(done))
    assert seen == [0], seen  # no fold finished
