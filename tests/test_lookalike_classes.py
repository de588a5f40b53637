"""The condition-number guard read also without smaller classes the model never predicts whose rows it reads mostly
as one other class (engine/noise_trust.py's ``lookalike_classes``; bench/README.md, session 33 (wn33b);
LABEL_VERSION 44)."""

from __future__ import annotations

import numpy as np

from engine.label_posterior import score_labels
from engine.noise_trust import MAX_CONDITION, lookalike_classes
from tests.synthetic import with_never_predicted_class


def with_lookalike_class(seed: int, rows: int, scattered: bool):
    """A class of ``rows`` rows the model never predicts, read as class 1 (``scattered``: a random class each);
    labels and probabilities (tests/synthetic.py)."""
    return with_never_predicted_class(seed, rows, None if scattered else 1)[:2]


def test_lookalike_classes_are_smaller_unlearned_classes_read_mostly_as_one_other():
    labels = np.repeat([0, 1, 2, 3, 4], [60, 15, 15, 40, 12])
    predicted = labels.copy()
    predicted[60:75] = [3] * 9 + [0] * 6  # class 1: 15 rows, none its own, 9 read as class 3
    predicted[75:90] = [0, 3, 4] * 5  # class 2: 15 rows, none its own, scattered (5 on each)
    predicted[130:142] = 0  # class 4: 12 rows, all read as class 0
    probs = np.full((len(labels), 5), 0.02)
    probs[np.arange(len(labels)), predicted] = 0.92
    assert lookalike_classes(labels, probs).tolist() == [1, 4]


def test_t_ill_conditioned_through_a_smaller_lookalike_class_keeps_the_posterior():
    """A 15-row class the model never predicts, its rows read as class 1, and class 0's rows lean toward it: ``T``
    is ill-conditioned (64-111 over seeds 0-3); without it 1.7, and held-out rows back its pairs, so the
    posterior runs (before, the guard kept it off: under ``MIN_ROWS_PER_CLASS`` rows the class stayed in)."""
    for seed in (0, 1):
        given, probs = with_lookalike_class(seed, 15, scattered=False)
        verdict = score_labels(given, probs)
        found = verdict.diagnostics
        assert found["condition_number"] > MAX_CONDITION
        assert found["lookalike_classes"] == 1 and found["condition_number_learned"] < MAX_CONDITION
        assert verdict.method == "noise-aware posterior" and found["noise_model"] == "class pairs"
        assert any("only through 1 smaller class it reads mostly as one other class" in note for note in verdict.notes)


def test_a_smaller_unlearned_class_whose_rows_scatter_still_distrusts_t():
    given, probs = with_lookalike_class(0, 15, scattered=True)
    verdict = score_labels(given, probs)
    assert verdict.diagnostics["condition_number"] > MAX_CONDITION
    assert "condition_number_learned" not in verdict.diagnostics
    assert verdict.method == "self-confidence"
