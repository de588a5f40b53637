"""cleanlab's noise matrix as the label check reads it: ``T[given, true] = P(given | true)`` from
the calibrated confident joint, floored at the uniform rate, tiny classes' rows and columns set to
uniform noise, and where its flips go. engine/label_posterior.py's module docstring says why."""

from __future__ import annotations

import numpy as np

#: The noise rate assumed at least, whatever the estimate: with an estimate of 0 ``T`` would be
#: the identity and every row would score exactly 1, so the list could no longer be ranked.
MIN_NOISE_RATE = 0.01
#: Classes with fewer rows than this get uniform noise in ``T`` (their row and column): the model
#: rarely predicts a class it saw a few times, so cleanlab's estimate says nearly all its labels
#: are wrong (``T[c, c]`` ~ 0), which makes ``T`` ill-conditioned whatever the other classes do.
TINY_CLASS_ROWS = 10


def noise_matrix(labels: np.ndarray, pred_probs: np.ndarray, joint: np.ndarray | None = None) -> np.ndarray:
    """``T[given, true] = P(given | true)`` from cleanlab's calibrated confident joint.

    Off-diagonal entries get a floor of uniform noise at the estimated overall rate
    (``rate / (K - 1)``), then columns are renormalised: with few rows per class pair the
    raw estimate is sparse, and a zero would make a randomly flipped label look trustworthy."""
    if joint is None:
        from cleanlab.count import estimate_joint

        joint = np.asarray(estimate_joint(labels, pred_probs), dtype=np.float64)
    n_classes = joint.shape[0]
    mass = joint.sum(axis=0)
    identity = np.eye(n_classes, dtype=bool)
    noise = np.where(mass > 0, joint / np.maximum(mass, 1e-12), identity.astype(np.float64))
    rate = float(np.clip(1.0 - np.trace(joint), MIN_NOISE_RATE, 0.5))
    noise = np.where(identity, noise, np.maximum(noise, rate / max(n_classes - 1, 1)))
    return noise / noise.sum(axis=0, keepdims=True)


def without_tiny_classes(noise: np.ndarray, labels: np.ndarray, joint: np.ndarray) -> np.ndarray:
    """``noise`` with the rows and columns of classes under ``TINY_CLASS_ROWS`` rows replaced by
    uniform noise at the estimated overall rate (columns renormalised)."""
    n_classes = noise.shape[0]
    tiny = np.bincount(labels, minlength=n_classes) < TINY_CLASS_ROWS
    if not tiny.any() or n_classes < 2:
        return noise
    rate = float(np.clip(1.0 - np.trace(joint), MIN_NOISE_RATE, 0.5))
    uniform = np.full((n_classes, n_classes), rate / (n_classes - 1))
    np.fill_diagonal(uniform, 1.0 - rate)
    noise = np.where(tiny[:, None] | tiny[None, :], uniform, noise)
    return noise / noise.sum(axis=0, keepdims=True)


def flip_destinations(noise: np.ndarray) -> np.ndarray:
    """``T``'s off-diagonal, each column normalised: where a flip from true class ``t`` goes."""
    destinations = np.array(noise, dtype=np.float64)
    np.fill_diagonal(destinations, 0.0)
    return destinations / np.maximum(destinations.sum(axis=0, keepdims=True), 1e-300)
