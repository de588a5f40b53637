"""Two classes: cleanlab's flip rates, or one rate both ways, whichever held-out rows back.

With two classes the noise-aware posterior is self-confidence plus one offset per label,
``log(T[y, y] / T[y, other])``: ``T`` only decides how the two labels' rows interleave, through how
often one class flips compared with the other. Read from cleanlab's confident joint, those rates
also count the classifier's honest confusions, and a classifier that confuses one class for the
other more than the reverse (a weak one, or a class with rows that honestly look like the other)
tilts them: on bench/quality.py's weak two-class set (MiniLM projected to 10 dimensions, random
flips at 2%, the same rate both ways) cleanlab put them at 0.05 and 0.08, and the posterior ranked
0.01-0.03 AP below self-confidence. Where flips do favour one class (bench: `fewclass`, a quarter
of one class's rows flipped) the same tilt ranks better than self-confidence, and from one file
the two cases look alike. So, as the many-class test does for where flips go
(engine/label_posterior.py ``structure_evidence``), held-out rows decide: on stratified halves,
both ways round, ``P(given = y | x) = sum_t q_t T[y, t]`` (``q``: the sharpened probabilities)
with cleanlab's two rates at a scale fitted by EM (their direction, not their level) against one
rate both ways (EM); cleanlab's ``T`` is kept where its direction wins with z at least ``min_z``,
else both classes get the shared rate and the posterior ranks rows as self-confidence does.
bench/README.md (session 19) has the figures.
"""

from __future__ import annotations

import numpy as np

from engine.noise_matrix import MIN_NOISE_RATE, noise_matrix

EM_STEPS = 200


def _noise(out0: float, out1: float) -> np.ndarray:
    """``T[given, true]`` from the rates out of true class 0 and out of true class 1."""
    return np.array([[1.0 - out0, out1], [out0, 1.0 - out1]])


def shaped_noise(labels: np.ndarray, q: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """``T`` whose rates out of class 0 and class 1 keep the ratio of ``shape``, at the scale under
    which the given labels are likeliest (EM from 5% for the larger)."""
    shape = np.asarray(shape, dtype=np.float64) / max(float(np.max(shape)), 1e-300)
    scale = 0.05
    for _ in range(EM_STEPS):
        weights = q * _noise(*np.minimum(scale * shape, 0.5))[labels]  # row i: P(true = t, given = y_i | x)
        weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-300)
        flipped = weights[labels == 0, 1].sum() + weights[labels == 1, 0].sum()
        new = flipped / max(float(weights.sum(axis=0) @ shape), 1e-300)  # flips over the rows that could flip
        if abs(new - scale) < 1e-9:
            break
        scale = new
    return _noise(*np.minimum(scale * shape, 0.5))


def _loglik(labels: np.ndarray, q: np.ndarray, noise: np.ndarray) -> np.ndarray:
    return np.log(np.maximum(np.einsum("ij,ij->i", q, noise[labels]), 1e-300))


def direction_evidence(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, half: np.ndarray) -> float:
    """z of the held-out per-row log-likelihood gain of cleanlab's direction over one shared rate
    (each fitted on the other half)."""
    from cleanlab.count import estimate_joint

    gains = np.zeros(len(labels))
    for fit, held in ((half, ~half), (~half, half)):
        joint = np.asarray(estimate_joint(labels[fit], probs[fit]), dtype=np.float64)
        cleanlab = noise_matrix(labels[fit], probs[fit], joint)
        tilted = shaped_noise(labels[fit], q[fit], np.array([cleanlab[1, 0], cleanlab[0, 1]]))
        gains[held] = (_loglik(labels[held], q[held], tilted)
                       - _loglik(labels[held], q[held], shaped_noise(labels[fit], q[fit], np.ones(2))))
    spread = float(gains.std()) / np.sqrt(len(gains))
    return float(gains.mean()) / spread if spread > 0 else 0.0


def two_class_noise(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, cleanlab: np.ndarray, half: np.ndarray,
                    min_z: float) -> tuple[np.ndarray, dict[str, float | str]]:
    """``T`` for the two-class posterior: ``cleanlab`` where its direction wins on held-out rows
    (z at least ``min_z``), else one rate both ways, fitted to the labels and at least
    ``MIN_NOISE_RATE`` (at 0 every row would score 1); with the test's readings."""
    z = direction_evidence(labels, probs, q, half)
    if z >= min_z:
        noise, rates = cleanlab, "cleanlab"
    else:
        rate = max(float(shaped_noise(labels, q, np.ones(2))[1, 0]), MIN_NOISE_RATE)
        noise, rates = _noise(rate, rate), "shared"
    return noise, {"two_class_rates": rates, "two_class_direction_z": round(z, 2)}
