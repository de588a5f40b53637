"""Two classes, flips out of one class only (hams marked spam, never the reverse): the count of label errors
(engine/label_posterior.py). cleanlab's confident joint misses such flips: nothing flips into the source class, so
its threshold (the mean probability of the class on the rows labelled with it) stays at its clean rows' level, and
a flipped row whose probability the classifier pulled down by the flips it learned stays under it (bench/README.md,
session 24 (quality24b): ag_news two topics, a quarter of one topic flipped, 278 counted for 380)."""

from __future__ import annotations

import numpy as np

from engine.label_posterior import score_labels


def one_way(seed: int, out_of_zero: float, *, share_zero: float = 0.5, n_rows: int = 2000):
    """pred_probs of a classifier trained on labels where a share ``out_of_zero`` of class 0's rows were flipped to
    class 1 (none the other way): it learned that floor on class 0's region, so a row of class 0 gets
    ``(1 - f) sure + f (1 - sure)`` on its true class, class 1's rows ``sure``."""
    rng = np.random.default_rng(seed)
    truth = (rng.random(n_rows) >= share_zero).astype(np.int64)
    flipped = (truth == 0) & (rng.random(n_rows) < out_of_zero)
    given = np.where(flipped, 1, truth)
    sure = 1.0 / (1.0 + np.exp(-rng.normal(4.0, 1.5, n_rows)))
    floor = np.where(truth == 0, out_of_zero, 0.0)
    p_truth = (1.0 - floor) * sure + floor * (1.0 - sure)
    p1 = np.where(truth == 1, p_truth, 1.0 - p_truth)
    return given, np.column_stack([1.0 - p1, p1]), flipped


def test_flips_out_of_one_class_are_counted_not_only_cleanlabs_share():
    """A tenth or a fifth of class 0 flipped: cleanlab's count, which capped the posterior's, was 0.79-0.84x the
    flips on these seeds (the rows below 0.5 at the fitted power 0.96-1.0x); flags stay precise."""
    for seed in range(4):
        for rate in (0.1, 0.2):
            given, probs, flipped = one_way(seed, rate)
            verdict = score_labels(given, probs)
            assert verdict.diagnostics["noise_model"] == "class pairs"
            ratio = verdict.estimated_issues / flipped.sum()
            assert 0.9 <= ratio <= 1.1, (seed, rate, ratio, verdict.diagnostics["cleanlab_estimate"])
            assert (verdict.flags & flipped).sum() / verdict.flags.sum() > 0.95
            if verdict.estimated_issues > verdict.diagnostics["cleanlab_estimate"]:  # the note says why
                assert any("flagged as more likely wrong than right" in note for note in verdict.notes)


def test_a_clean_two_class_file_stays_unflagged():
    """No flips at all, a sure classifier: no row flagged, with the clean file's note."""
    given, probs, flipped = one_way(0, 0.0)
    verdict = score_labels(given, probs)
    assert not flipped.any()
    assert verdict.diagnostics["cleanlab_estimate"] == 0
    assert verdict.flags.sum() <= 1
