"""The condition-number guard read without classes the model never predicts (engine/noise_trust.py's
``unlearned_classes``; bench/README.md, session 33 (wn33); LABEL_VERSION 43)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score

from engine.label_posterior import score_labels
from engine.noise_trust import MAX_CONDITION, MIN_ROWS_PER_CLASS, unlearned_classes
from tests.synthetic import with_never_predicted_class


def with_unlearned_class(seed: int, rows: int):
    """A class of ``rows`` rows the model never predicts, its rows read as random classes (tests/synthetic.py)."""
    return with_never_predicted_class(seed, rows)


def test_unlearned_classes_are_those_of_enough_rows_the_model_never_predicts_as_themselves():
    labels = np.repeat([0, 1, 2, 3], [40, 25, 15, 30])
    predicted = labels.copy()
    predicted[40:64] = 0  # class 1: 1 of 25 rows predicted as itself
    predicted[65:80] = 3  # class 2: none of 15 (too few rows to say: the model barely saw it)
    predicted[80:85] = 0  # class 3: 25 of 30
    probs = np.full((len(labels), 4), 0.02)
    probs[np.arange(len(labels)), predicted] = 0.94
    assert unlearned_classes(labels, probs).tolist() == [1]


def test_t_ill_conditioned_only_by_a_class_the_model_never_predicts_keeps_the_posterior():
    """The column of a class the model never predicts repeats the column of the class its rows lean to (here 0), so
    ``T`` is ill-conditioned (96-1,948 over seeds 0-3) whatever the flips; without it, 1.7-1.8. Held-out rows
    back the pair flips, and the posterior runs (before, the guard alone stopped it), here ranking as
    self-confidence does (AP -0.003 to +0.011 over seeds 0-3; the gains are bench/README.md's: WordNet
    confusable 5/10% +0.135/+0.186)."""
    for seed in (0, 1):
        given, probs, flipped = with_unlearned_class(seed, 40)
        verdict = score_labels(given, probs)
        found = verdict.diagnostics
        assert found["condition_number"] > MAX_CONDITION
        assert found["kappa"] > 0.5 and found["median_rows_per_class"] >= MIN_ROWS_PER_CLASS
        assert verdict.method == "noise-aware posterior" and found["noise_model"] == "class pairs"
        assert found["unlearned_classes"] == 1 and found["condition_number_learned"] < MAX_CONDITION
        assert any("only through 1 class of 20 rows or more the model almost never predicts as itself" in note
                   for note in verdict.notes)
        assert not any("not trusted" in note for note in verdict.notes)
        self_confidence = probs[np.arange(len(given)), given]
        assert (average_precision_score(flipped, -verdict.score)
                > average_precision_score(flipped, -self_confidence) - 0.005)


def test_a_class_under_the_row_floor_the_model_never_predicts_still_distrusts_t():
    """Under ``MIN_ROWS_PER_CLASS`` rows a class the model never predicts is one it barely saw: the weak classifier
    the guard is for (tests/synthetic.py ``weak_many_classes``), so ``T`` stays untrusted."""
    given, probs, _ = with_unlearned_class(0, 15)
    verdict = score_labels(given, probs)
    assert verdict.diagnostics["condition_number"] > MAX_CONDITION
    assert "condition_number_learned" not in verdict.diagnostics
    assert verdict.method == "self-confidence" and any("ill-conditioned" in note for note in verdict.notes)
