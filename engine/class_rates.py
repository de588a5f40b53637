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
- *Two classes, flips out of one class* (the guards' path's count and score, and the posterior's rates where
  they are trusted): each class's rate of flips out of it, fitted to the labels (``one_way_noise``), where
  held-out rows back it (``one_way_evidence``).
  One rate both ways cannot fit flips out of one class only: the classifier, fitted on the given labels, already
  gives the flipped rows part of their label's probability, and any rate both ways costs likelihood on every row
  of the class nothing flips out of (the other's sure rows). Its rate came out 0 where a third of one class was
  flipped into the other (bench/README.md, session 25 (quality25)). The rival is not one rate both ways alone
  but with a classifier biased toward one class (``class_bias``: a shift of the log-odds), which also reads as
  flips out of the class it favours: clean sets whose probabilities give a 10% or 3% class 2.4-6x its share
  (quality24b's weak synthetics, as a classifier trained on reweighted classes gives) backed one-way rates over
  one rate at z 7.7-46, over a bias at z -17 to 2.9.

bench/README.md (session 19) has the figures.
"""

from __future__ import annotations

import numpy as np

from engine.noise_matrix import MIN_NOISE_RATE, noise_matrix, without_tiny_classes
from engine.noise_trust import MIN_STRUCTURE_Z, stratified_halves

#: ``one_way_noise``: a fitted flip rate under this is 0 (EM's remainder on its way to a maximum at 0)
BOUNDARY_RATE = 1e-6
#: ``class_bias``: the log-odds shifts its fit starts from
BIAS_STARTS = (0.0, -1.0, 1.0, -4.0, 4.0)


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


def one_way_noise(labels: np.ndarray, q: np.ndarray, iterations: int = 500) -> np.ndarray:
    """Two classes: ``T[given, true]`` with each class's own rate of flips out of it, the maximum-likelihood pair of
    ``P(given = y | x) = sum_t q_t T[y, t]`` (``q``: the sharpened probabilities), by EM from 0.1 each way. A rate
    under ``BOUNDARY_RATE`` is 0: EM only creeps toward a maximum at 0, and two models that differ by such a
    remainder would be compared on rounding noise (``one_way_evidence``)."""
    noise = np.array([[0.9, 0.1], [0.1, 0.9]])
    given = np.eye(2)[labels]  # [i, y]: 1 where row i is labelled y
    for _ in range(iterations):
        joint = q * noise[labels]  # [i, t]: q_t T[y_i, t]
        posterior = joint / np.maximum(joint.sum(axis=1, keepdims=True), 1e-300)
        new = given.T @ posterior  # [y, t]: the rows labelled y whose true class is t, expected
        new /= np.maximum(new.sum(axis=0, keepdims=True), 1e-300)
        done = np.abs(new - noise).max() < 1e-8
        noise = new
        if done:
            break
    rates = np.where(1.0 - np.diag(noise) < BOUNDARY_RATE, 0.0, 1.0 - np.diag(noise))
    return np.array([[1.0 - rates[0], rates[1]], [rates[0], 1.0 - rates[1]]])


def class_bias(labels: np.ndarray, q: np.ndarray) -> tuple[float, float]:
    """Two classes: a classifier biased toward one class, with one flip rate both ways: the shift ``w`` of class 1's
    log-odds and the rate ``r`` under which the given labels are likeliest, ``P(given = 1 | x) = r + (1 - 2 r) s``
    (``s``: ``q_1`` with its log-odds moved by ``w``), by L-BFGS from each of ``BIAS_STARTS``."""
    from scipy.optimize import minimize

    logit = np.log(np.maximum(q[:, 1], 1e-300)) - np.log(np.maximum(q[:, 0], 1e-300))
    ones = labels == 1

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        shift, rate = params
        shifted = 1.0 / (1.0 + np.exp(-np.clip(logit + shift, -700, 700)))
        one = rate + (1.0 - 2.0 * rate) * shifted
        chance = np.clip(np.where(ones, one, 1.0 - one), 1e-300, None)
        slope = np.where(ones, 1.0, -1.0) / chance  # d log P(given) / d P(given = 1)
        return (-float(np.sum(np.log(chance))),
                -np.array([np.sum(slope * (1.0 - 2.0 * rate) * shifted * (1.0 - shifted)),
                           np.sum(slope * (1.0 - 2.0 * shifted))]))

    fits = [minimize(loss, np.array([start, 0.01]), jac=True, method="L-BFGS-B", bounds=[(-20.0, 20.0), (0.0, 0.5)])
            for start in BIAS_STARTS]  # not concave: a start can end at a bias that names one class for every row
    best = min(fits, key=lambda fit: fit.fun)
    return float(best.x[0]), float(best.x[1])


def class_bias_loglik(labels: np.ndarray, q: np.ndarray, shift: float, rate: float) -> np.ndarray:
    """Per row, the log-likelihood of the given label under ``class_bias``'s model."""
    logit = np.log(np.maximum(q[:, 1], 1e-300)) - np.log(np.maximum(q[:, 0], 1e-300))
    one = rate + (1.0 - 2.0 * rate) / (1.0 + np.exp(-np.clip(logit + shift, -700, 700)))
    return np.log(np.clip(np.where(labels == 1, one, 1.0 - one), 1e-300, None))


def one_way_evidence(labels: np.ndarray, q: np.ndarray, half: np.ndarray) -> float:
    """Two classes: z of the held-out per-row log-likelihood gain of each class's own flip rate (``one_way_noise``)
    over a classifier biased toward one class with one rate both ways (``class_bias``; at no bias, one rate both
    ways), each fitted on the other half."""
    gains = np.zeros(len(labels))
    for fit, held in ((half, ~half), (~half, half)):
        own = one_way_noise(labels[fit], q[fit])
        rows = np.arange(int(held.sum()))
        gains[held] = (np.log(np.maximum((q[held] @ own.T)[rows, labels[held]], 1e-300))
                       - class_bias_loglik(labels[held], q[held], *class_bias(labels[fit], q[fit])))
    spread = float(gains.std()) / np.sqrt(len(gains))
    return float(gains.mean()) / spread if spread > 0 else 0.0


def one_way_model(labels: np.ndarray, q: np.ndarray, diagnostics: dict) -> np.ndarray | None:
    """Two classes: ``T`` with each class's own flip rate (``class_rates.one_way_noise``) where held-out rows back it
    over a classifier biased toward one class with one rate both ways (z at least ``MIN_STRUCTURE_Z``) and each
    class keeps more than half its labels (under half, the labels cannot tell that from a classifier wrong about the
    class); else None. Its readings go to ``diagnostics``."""
    one_way = one_way_noise(labels, q)
    z = one_way_evidence(labels, q, stratified_halves(labels))
    diagnostics.update(one_way_z=round(z, 2), one_way_rate_0=round(float(1.0 - one_way[0, 0]), 4),
                       one_way_rate_1=round(float(1.0 - one_way[1, 1]), 4))
    return one_way if z >= MIN_STRUCTURE_Z and np.diag(one_way).min() > 0.5 else None


def one_way_words(one_way: np.ndarray, diagnostics: dict) -> str:
    """The one-way model in a note's words."""
    return (f"flips out of each class at its own rate, {1.0 - one_way[0, 0]:.1%} and {1.0 - one_way[1, 1]:.1%}: on "
            f"held-out rows it beats a classifier biased toward one class with one rate both ways, "
            f"z {diagnostics['one_way_z']:.1f}")


def floored_rates(one_way: np.ndarray) -> np.ndarray:
    """The one-way ``T`` for the posterior: each rate at least ``MIN_NOISE_RATE``, as ``two_class_noise``'s (a rate
    of 0 scores every row of a label 1 and drops its few flips from the ranking: 10:90 classes, 10% of each
    flipped, AP 0.04-0.07 below self-confidence without it)."""
    return rated_noise(np.maximum(1.0 - np.diag(one_way), MIN_NOISE_RATE))
