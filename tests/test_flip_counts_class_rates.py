"""The count on the class-rate path comes from the rates per class (bench/README.md, session 23: flips out of one
class of ``banking77test+rmerge6``, 45 flagged for 154 while one rate for all counted them)."""

from __future__ import annotations

import numpy as np

from engine.label_posterior import score_labels


def one_class_flips(flipped: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """6 classes of 500 rows; ``flipped`` rows of class 0 relabelled at random, and the classifier's probabilities
    as if it had learned part of those flips (class 0's rows give every other class some probability)."""
    rng = np.random.default_rng(3)
    true = np.repeat(np.arange(6), 500)
    given = true.copy()
    flip = rng.choice(np.flatnonzero(true == 0), flipped, replace=False)
    given[flip] = rng.integers(1, 6, len(flip))
    alpha = np.full((6, 6), 0.4) + np.eye(6) * 7.6
    alpha[0] = 0.8
    alpha[0, 0] = 6.0
    return given, true, np.stack([rng.dirichlet(alpha[t]) for t in true])


def test_flips_out_of_one_class_are_counted_by_its_own_rate() -> None:
    given, true, probs = one_class_flips(150)
    result = score_labels(given, probs)
    truth = given != true
    assert result.diagnostics["noise_model"] == "class rates"
    # one rate for all counted 54 of the 150 flips; the rates per class count them up to cleanlab's cap
    assert result.estimated_issues >= 90 and result.estimated_issues <= 2 * truth.sum()
    assert (result.flags & truth).sum() >= 0.9 * result.flags.sum()
    assert result.diagnostics["class_rate_estimate"] > result.diagnostics["uniform_flip_estimate"]
    assert "by the flip rates per class" in result.notes[-1]


def test_rated_flips_counts_nothing_without_flips() -> None:
    """With every class kept at rate 1 (T the identity) no row's posterior of a flip is above 0."""
    from engine.flip_counts import rated_flips

    given, _, probs = one_class_flips(0)
    count, _ = rated_flips(given, probs, np.eye(6))
    assert count == 0.0
