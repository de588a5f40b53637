"""Where the held-out structure test cannot run, do held-out rows back cleanlab's class pairs at all?

engine/label_posterior.py keeps the noise-aware posterior untested where a random-flip model finds under
1% label errors and cannot single them out (``enough_to_test``): the errors, if any, were taken to be flips the
classifier partly learned (systematic).
Flips to a class's nearest class are like that, and there the posterior ranks them 0.10-0.19 AP above
self-confidence (bench/quality.py, `confusable` 2%). But an annotator's slips between a row's two likeliest
classes (`ambiguous`) are like that too: their chance follows the text, so the classifier trained on the
noisy labels already gives them their odds, cleanlab's class pairs are the classifier's honest confusions,
and the posterior ranked them 0.01-0.02 AP below Datalab's self-confidence on the same probabilities.

The question asked here is the held-out one the structure test asks, against a different null: on
stratified halves, both ways round, do ``T``'s flip destinations (their rate fitted by EM on the fit half)
explain the other half's given labels better than no flips at all (the classifier's sharpened
probabilities alone)? Where they do not (``z < MIN_STRUCTURE_Z``), nothing backs the systematic reading,
and the score leans toward the self-confidence path: a log-odds pool of the two scores with
``SELF_CONFIDENCE_WEIGHT`` on self-confidence. Not a switch: a held-out half cannot see class pairs made
of one or two flips (banking77 test, 3,080 rows, 62 flips to the nearest class: z -0.4 and -0.1), which the
posterior on all rows still ranks by their own counts; with the whole weight on self-confidence that cell
lost 0.10-0.15 AP, with 0.3 it loses 0.001. Nor can it tell flips the classifier's odds already explain:
5% of the rows flipped to the class their honest rows lean to (a synthetic) read z below 3 too, and there
the pool ranks 0.005-0.009 AP below the posterior alone (which is 0.08-0.12 above self-confidence); where
cleanlab's pairs are the honest confusion itself it ranks 0.05-0.07 above. The flag count is the
posterior's, unchanged.
Figures: bench/README.md, issue 17, session 20.
"""

from __future__ import annotations

import numpy as np

from engine.flip_counts import flip_rate, label_loglik
from engine.noise_matrix import flip_destinations, noise_matrix, without_tiny_classes

#: The self-confidence path's weight in the log-odds pool where held-out rows do not back the class
#: pairs (bench/quality.py's 481 cached runs: 0.3, 0.4 and 0.5 measured; 0.5 cost banking77 test
#: `confusable` 2% 0.010 AP, 0.4 lost 0.006-0.017 F1 on six `ambiguous` cells)
SELF_CONFIDENCE_WEIGHT = 0.3
_EPS = 1e-12


def pair_backing_z(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, half: np.ndarray) -> float:
    """z of the held-out per-row log-likelihood gain of ``T``'s flip destinations (EM rate) over no
    flips, two-fold over ``half`` and its complement; ``q`` the sharpened probabilities."""
    from cleanlab.count import estimate_joint

    gains = np.zeros(len(labels))
    for fit, held in ((half, ~half), (~half, half)):
        joint = np.asarray(estimate_joint(labels[fit], probs[fit]), dtype=np.float64)
        destinations = flip_destinations(
            without_tiny_classes(noise_matrix(labels[fit], probs[fit], joint), labels[fit], joint))
        rate = flip_rate(labels[fit], q[fit], destinations)
        gains[held] = (label_loglik(labels[held], q[held], rate, destinations)
                       - label_loglik(labels[held], q[held], 0.0, None))
    spread = float(gains.std()) / np.sqrt(max(len(gains), 1))
    return float(gains.mean()) / spread if spread > 0 else 0.0


def log_odds_pool(lean_to: np.ndarray, other: np.ndarray, weight: float) -> np.ndarray:
    """``sigmoid(weight * logit(lean_to) + (1 - weight) * logit(other))``: two scores of "the label is
    right" pooled (a logarithmic opinion pool); each clipped to [1e-12, 1 - 1e-12] first."""
    def logit(score: np.ndarray) -> np.ndarray:
        score = np.clip(np.asarray(score, dtype=np.float64), _EPS, 1.0 - _EPS)
        return np.log(score) - np.log1p(-score)

    return 1.0 / (1.0 + np.exp(-(weight * logit(lean_to) + (1.0 - weight) * logit(other))))
