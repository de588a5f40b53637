"""Two classes, cleanlab's estimate untrusted (the guards' path), flips out of one class only: the count of label
errors (engine/label_posterior.py, engine/class_rates.py ``one_way_noise``). The guards' flip model was one rate
both ways; the classifier, fitted on the given labels, already gives the flipped rows part of their label's
probability, and a rate both ways costs likelihood on every sure row of the class nothing flips out of, so its rate
came out 0 and no row was flagged (bench/README.md, session 25 (quality25): banking77 in two groups, a third of the
smaller flipped into the larger, 0 flagged for 1,000). Each class's own flip rate, where held-out rows back it over a
classifier biased toward one class: the count, and the posterior on those rates as the score."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import cross_val_predict

from engine.label_posterior import score_labels
from engine.noise_trust import stratified_halves


def noisy_set(seed: int, *, flip_zero: float, flip_one: float, separation: float = 4.0, share_zero: float = 0.25,
              n_rows: int = 8000):
    """Out-of-fold logistic-regression pred_probs on two Gaussian classes (class 0 a quarter of the rows), fitted on
    labels where ``flip_zero`` of class 0's rows and ``flip_one`` of class 1's were flipped: the classifier learns
    the flips, as the pipeline's does."""
    rng = np.random.default_rng(seed)
    truth = (rng.random(n_rows) >= share_zero).astype(np.int64)
    features = rng.normal(size=(n_rows, 4))
    features[:, 0] += np.where(truth == 0, -separation / 2, separation / 2)
    flipped = rng.random(n_rows) < np.where(truth == 0, flip_zero, flip_one)
    given = np.where(flipped, 1 - truth, truth)
    probs = cross_val_predict(LogisticRegression(), features, given, cv=5, method="predict_proba")
    return given, probs, flipped


def test_a_third_of_one_class_flipped_into_the_other_is_counted_and_ranked():
    """The old count was 0-6 rows for 650-700 flips on these seeds (one rate both ways: EM rate about 0), and the
    score self-confidence (AP 0.53-0.57: the other class's honest doubts ranked among the flips); now 391-465
    flagged, 91-93% of them flips, AP 0.88-0.89 (the posterior on each class's own rate, each at least 1%)."""
    for seed in range(3):
        given, probs, flipped = noisy_set(seed, flip_zero=1 / 3, flip_one=0.0)
        verdict = score_labels(given, probs)
        diagnostics = verdict.diagnostics
        assert 0.5 * flipped.sum() <= verdict.estimated_issues <= 1.2 * flipped.sum(), (
            seed, verdict.estimated_issues, flipped.sum())
        assert (verdict.flags & flipped).sum() >= 0.85 * verdict.flags.sum()
        assert average_precision_score(flipped, -verdict.score) >= 0.8
        assert diagnostics["noise_model"] == "one-way"  # the guards' path (kappa 0.28-0.36), on the one-way model
        assert verdict.method == "noise-aware posterior"
        assert diagnostics["one_way_z"] >= 3
        assert diagnostics["one_way_rate_0"] > 0.1 and diagnostics["one_way_rate_1"] < 0.01
        assert any("label_score is the noise-aware posterior on a one-way noise model" in note
                   for note in verdict.notes)


def test_flips_both_ways_and_clean_weak_sets_keep_one_rate():
    """A fifth of each class flipped, or no flip with a weak classifier: held-out rows do not back a rate per
    class (z under 3), so the score is self-confidence and the count the one-rate model's, as before."""
    for kwargs in (dict(flip_zero=0.2, flip_one=0.2), dict(flip_zero=0.0, flip_one=0.0, separation=1.5)):
        for seed in range(2):
            given, probs, _ = noisy_set(seed, **kwargs)
            verdict = score_labels(given, probs)
            diagnostics = verdict.diagnostics
            assert diagnostics["noise_model"] == "untrusted" and verdict.method == "self-confidence"
            assert diagnostics["one_way_z"] < 3, (kwargs, seed, diagnostics["one_way_z"])
            assert "one_way_estimate" not in diagnostics
            assert verdict.estimated_issues == min(diagnostics["cleanlab_estimate"],
                                                   diagnostics["class_pair_estimate"])


def test_one_way_noise_recovers_the_direction():
    """The EM fit on probabilities that did not learn the flips: the rates out of each class, and the held-out
    evidence for them over one rate both ways."""
    from engine.class_rates import one_way_evidence, one_way_noise

    rng = np.random.default_rng(0)
    n_rows = 6000
    truth = (rng.random(n_rows) < 0.5).astype(np.int64)
    sure = 1.0 / (1.0 + np.exp(-rng.normal(4.0, 1.0, n_rows)))
    q = np.column_stack([np.where(truth == 0, sure, 1 - sure), np.where(truth == 1, sure, 1 - sure)])
    given = np.where((truth == 0) & (rng.random(n_rows) < 0.2), 1, truth)
    noise = one_way_noise(given, q)
    assert abs((1 - noise[0, 0]) - 0.2) < 0.03 and 1 - noise[1, 1] < 0.01
    assert np.allclose(noise.sum(axis=0), 1.0)
    assert one_way_evidence(given, q, stratified_halves(given)) > 3
    assert abs(one_way_evidence(truth, q, stratified_halves(truth))) < 3


def test_on_the_posterior_path_the_score_uses_each_class_s_own_rate():
    """A strong fit (cleanlab's estimate trusted), a fifth of one class flipped into the other: the posterior on one
    rate both ways or on cleanlab's two rates ranked the other class's honest doubts among the flips (AP
    0.964-0.970 on these seeds); on each class's own rate 0.994-0.996. The count is as before."""
    for seed in range(2):
        given, probs, flipped = noisy_set(seed, flip_zero=0.2, flip_one=0.0, separation=5.0, share_zero=0.5)
        verdict = score_labels(given, probs)
        assert verdict.diagnostics["noise_model"] == "class pairs"
        assert average_precision_score(flipped, -verdict.score) >= 0.985
        assert verdict.diagnostics["two_class_rates"] == "one-way"
        assert any("with flips out of each class at its own rate" in note for note in verdict.notes)


def test_on_the_posterior_path_flips_both_ways_keep_their_rates():
    """Flips both ways at 5-10% (balanced or 10:90): no one-way model, the posterior's rates as before."""
    for kwargs in (dict(flip_zero=0.1, flip_one=0.1, share_zero=0.3), dict(flip_zero=0.05, flip_one=0.05,
                                                                             share_zero=0.1)):
        given, probs, _ = noisy_set(0, separation=5.0, **kwargs)
        verdict = score_labels(given, probs)
        assert verdict.diagnostics["noise_model"] == "class pairs"
        assert verdict.diagnostics["two_class_rates"] == "shared", kwargs
