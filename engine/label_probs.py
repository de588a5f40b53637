"""The classifier's probabilities as the label check reads them (engine/label_posterior.py and the
modules it calls): floored at ``FLOOR`` and renormalised, and sharpened by the power ``SHARPNESS``
(out-of-fold LR + kNN probabilities are under-confident; ``q`` in engine/flip_counts.py)."""

from __future__ import annotations

import numpy as np

SHARPNESS = 1.5
FLOOR = 1e-6


def clean_probs(pred_probs: np.ndarray) -> np.ndarray:
    """``pred_probs`` as float64, each at least ``FLOOR``, rows summing to 1."""
    probs = np.maximum(np.asarray(pred_probs, dtype=np.float64), FLOOR)
    return probs / probs.sum(axis=1, keepdims=True)


def sharpened(probs: np.ndarray, sharpness: float) -> np.ndarray:
    """``clean_probs(probs)`` raised to ``sharpness``, renormalised."""
    q = clean_probs(probs) ** sharpness
    return q / q.sum(axis=1, keepdims=True)
