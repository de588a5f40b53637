"""Label quality as the posterior probability that a row's given label is its true label.

cleanlab's ``self_confidence`` (the probability of the given label) ranks random label flips
almost perfectly but ranks flips to a *similar* class poorly: a model trained on noisy labels
learns that part of class ``c``'s region carries label ``c'``, so those flipped rows still get a
moderate probability of ``c'``, like honest borderline rows. cleanlab's own estimate of the
noise process fixes that. With ``Q = estimate_joint(labels, pred_probs)`` (the calibrated
confident joint, ``Q[given, true]``), ``T = P(given | true)``, and a row's class probabilities
``p(t | x)``, Bayes gives

    P(true = y | x, given = y) = p(y | x) T[y, y] / sum_t p(t | x) T[y, t]

A given label that flips often from its likely class (large ``T[y, t]``) is distrusted more;
a label nobody flips into is trusted unless the model disagrees strongly. ``p(t | x)`` is
taken two ways, since the out-of-fold probabilities are themselves fitted to noisy labels:
as they are, and noise-corrected (``T^-1 p``, clipped); the score is the geometric mean of the
two posteriors. Both use probabilities sharpened by a power (``SHARPNESS``), because cross-
validated probabilities from an averaged LR + kNN vote are under-confident. Every class
pair in ``T`` flips at least at the uniform base rate (the estimated overall noise rate
spread over the other classes, and at least ``MIN_NOISE_RATE``): with few rows per class
pair, the raw estimate is sparse, and an estimate of zero noise would rank nothing.

A row is flagged when the posterior is below 0.5 (its label is more likely wrong than right):
no count to estimate, and the flags are exactly the lowest scores. Measured on banking77
with injected noise: bench/README.md (quality).
"""

from __future__ import annotations

import numpy as np

SHARPNESS = 1.5
FLAG_BELOW = 0.5
FLOOR = 1e-6
#: The noise rate assumed at least, whatever the estimate: with an estimate of 0 (a clean,
#: easy dataset) ``T`` would be the identity and every row would score exactly 1, so the list
#: of label issues could no longer be ranked. 1% keeps the ranking (monotonic in the given
#: label's probability) and flags only rows the model contradicts strongly.
MIN_NOISE_RATE = 0.01


def noise_matrix(labels: np.ndarray, pred_probs: np.ndarray) -> np.ndarray:
    """``T[given, true] = P(given | true)`` from cleanlab's calibrated confident joint.

    Off-diagonal entries get a floor of uniform noise at the estimated overall rate
    (``rate / (K - 1)``), then columns are renormalised: with few rows per class pair the
    raw estimate is sparse, and a zero would make a randomly flipped label look trustworthy."""
    from cleanlab.count import estimate_joint

    joint = np.asarray(estimate_joint(labels, pred_probs), dtype=np.float64)
    n_classes = joint.shape[0]
    mass = joint.sum(axis=0)
    identity = np.eye(n_classes, dtype=bool)
    noise = np.where(mass > 0, joint / np.maximum(mass, 1e-12), identity.astype(np.float64))
    rate = float(np.clip(1.0 - np.trace(joint), MIN_NOISE_RATE, 0.5))
    noise = np.where(identity, noise, np.maximum(noise, rate / max(n_classes - 1, 1)))
    return noise / noise.sum(axis=0, keepdims=True)


def label_posterior(labels: np.ndarray, pred_probs: np.ndarray, *, sharpness: float = SHARPNESS) -> np.ndarray:
    """Per-row probability (0..1, low = likely a label issue) that the given label is right."""
    labels = np.asarray(labels, dtype=np.int64)
    probs = np.asarray(pred_probs, dtype=np.float64)
    probs = np.maximum(probs, FLOOR)
    probs /= probs.sum(axis=1, keepdims=True)
    noise = noise_matrix(labels, probs)
    try:
        corrected = np.linalg.solve(noise, probs.T).T
    except np.linalg.LinAlgError:  # singular estimate: fall back to the plain posterior
        corrected = probs
    corrected = np.maximum(corrected, FLOOR)
    corrected /= corrected.sum(axis=1, keepdims=True)
    likelihood = noise[labels]  # row i: P(given = y_i | true = t) for every t
    rows = np.arange(len(labels))
    posterior = np.ones(len(labels))
    for prior in (probs, corrected):
        weights = prior**sharpness * likelihood
        posterior *= weights[rows, labels] / weights.sum(axis=1)
    return np.sqrt(posterior)
