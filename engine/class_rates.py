"""How often each class's labels flip: cleanlab's rate per class, or one rate for all, whichever held-out rows back.

The noise-aware posterior weighs a row's label by how often its class keeps its label, ``T[y, y]``, against how
often other classes flip into it; cleanlab reads those rates from its confident joint, which also counts the
classifier's honest confusions. Whether the classes really flip at different rates is a question the labels can
answer, as the many-class test answers where flips go (engine/noise_trust.py ``structure_evidence``): on
stratified halves, both ways round, the given labels' held-out likelihood under ``P(given = y | x) = sum_t q_t
T[y, t]`` (``q``: the sharpened probabilities), flips landing at random, with cleanlab's rates per class at one
fitted scale (their ratio, not their level, which also counts honest confusions) against one rate for all
(``rates_evidence``; z at least ``MIN_STRUCTURE_Z``).

- *Two classes* (the posterior is self-confidence plus one offset per label, so the rates only set how the two
  labels' rows interleave): cleanlab's ``T`` where its rates win, else one rate both ways, under which rows rank as
  by self-confidence. A classifier that confuses one class for the other more than the reverse tilts cleanlab's
  rates: bench/quality.py's weak two-class set (MiniLM projected to 10 dimensions, random flips at 2% both ways)
  read 0.08 and 0.05, and the posterior ranked 0.01-0.03 AP below self-confidence.
- *More classes, flips landing at random* (the held-out test found no class pairs): where the rates per class win,
  the posterior on them with random destinations instead of self-confidence. Flips concentrated in a few classes
  (bench: ``fewclass``) were ranked as if every class flipped alike.

bench/README.md (session 19) has the figures.
"""

from __future__ import annotations

import numpy as np

from engine.noise_matrix import MIN_NOISE_RATE, noise_matrix, without_tiny_classes


def _terms(labels: np.ndarray, q: np.ndarray, shape: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, ``P(given | x) = base + scale * slope`` when class ``t`` flips at ``scale * shape[t]``, uniformly to
    the other classes."""
    rows = np.arange(len(labels))
    kept = q[rows, labels] * shape[labels]
    return q[rows, labels], (q @ shape - kept) / max(q.shape[1] - 1, 1) - kept


def fitted_scale(labels: np.ndarray, q: np.ndarray, shape: np.ndarray) -> float:
    """The scale of the rates ``shape`` under which the given labels are likeliest (the log-likelihood is concave
    in it: bisection on its slope), the largest rate at most 0.5."""
    base, slope = _terms(labels, q, shape)
    top = 0.5 / max(float(shape.max()), 1e-12)

    def rising(scale: float) -> bool:
        return float(np.sum(slope / np.maximum(base + scale * slope, 1e-300))) > 0

    if not rising(0.0):
        return 0.0
    if rising(top):
        return top
    low, high = 0.0, top
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if rising(middle) else (low, middle)
    return (low + high) / 2


def rated_noise(rates: np.ndarray) -> np.ndarray:
    """``T[given, true]``: class ``t`` keeps its label at ``1 - rates[t]``, else lands on another class at random."""
    n_classes = len(rates)
    noise = np.tile(rates / max(n_classes - 1, 1), (n_classes, 1))
    np.fill_diagonal(noise, 1.0 - rates)
    return noise


def cleanlab_rates(labels: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """cleanlab's rate per class, ``1 - T[t, t]`` (tiny classes at the overall rate, as the posterior reads them)."""
    from cleanlab.count import estimate_joint

    joint = np.asarray(estimate_joint(labels, probs), dtype=np.float64)
    return 1.0 - np.diag(without_tiny_classes(noise_matrix(labels, probs, joint), labels, joint))


def rates_evidence(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, half: np.ndarray) -> float:
    """z of the held-out per-row log-likelihood gain of cleanlab's rates per class over one rate for all, each at
    the scale fitted on the other half."""
    gains = np.zeros(len(labels))
    same = np.ones(q.shape[1])
    for fit, held in ((half, ~half), (~half, half)):
        shape = cleanlab_rates(labels[fit], probs[fit])
        shape = shape / max(float(shape.max()), 1e-12)
        for sign, rates in ((1.0, shape), (-1.0, same)):
            base, slope = _terms(labels[held], q[held], rates)
            scale = fitted_scale(labels[fit], q[fit], rates)
            gains[held] += sign * np.log(np.maximum(base + scale * slope, 1e-300))
    spread = float(gains.std()) / np.sqrt(len(gains))
    return float(gains.mean()) / spread if spread > 0 else 0.0


def two_class_noise(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, cleanlab: np.ndarray, half: np.ndarray,
                    min_z: float) -> tuple[np.ndarray, dict[str, float | str]]:
    """``T`` for the two-class posterior: ``cleanlab`` where its rates win on held-out rows (z at least ``min_z``),
    else one rate both ways, fitted to the labels and at least ``MIN_NOISE_RATE`` (at 0 every row would score 1);
    with the test's readings."""
    z = rates_evidence(labels, probs, q, half)
    if z >= min_z:
        return cleanlab, {"two_class_rates": "cleanlab", "class_rates_z": round(z, 2)}
    rate = max(fitted_scale(labels, q, np.ones(2)), MIN_NOISE_RATE)
    return rated_noise(np.array([rate, rate])), {"two_class_rates": "shared", "class_rates_z": round(z, 2)}


def class_rate_noise(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, half: np.ndarray,
                     min_z: float) -> tuple[np.ndarray | None, float]:
    """Flips landing at random: ``T`` with cleanlab's rates per class at the fitted scale (each at least
    ``MIN_NOISE_RATE``) where they win on held-out rows (z at least ``min_z``), else None; and the z."""
    z = rates_evidence(labels, probs, q, half)
    if z < min_z:
        return None, z
    shape = cleanlab_rates(labels, probs)
    shape = shape / max(float(shape.max()), 1e-12)
    return rated_noise(np.maximum(fitted_scale(labels, q, shape) * shape, MIN_NOISE_RATE)), z
