"""cleanlab's noise matrix as the label check reads it: ``T[given, true] = P(given | true)`` from
the calibrated confident joint, floored at the uniform rate, tiny classes' rows and columns (small, and
small beside the others) set to uniform noise, and where its flips go. engine/label_posterior.py's module docstring says why."""

from __future__ import annotations

import numpy as np

#: The noise rate assumed at least, whatever the estimate: with an estimate of 0 ``T`` would be
#: the identity and every row would score exactly 1, so the list could no longer be ranked.
MIN_NOISE_RATE = 0.01
#: Classes with fewer rows than this get uniform noise in ``T`` (their row and column): the model
#: rarely predicts a class it saw a few times, so cleanlab's estimate says nearly all its labels
#: are wrong (``T[c, c]`` ~ 0), which makes ``T`` ill-conditioned whatever the other classes do.
#: Only where the class is also small beside the others (``tiny_classes``).
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


def tiny_classes(counts: np.ndarray) -> np.ndarray:
    """The classes ``T`` reads as barely seen: under ``TINY_CLASS_ROWS`` rows *and* under half the class of
    an average row (``sum c^2 / sum c``: the size of the class a row drawn at random is in). A class is tiny
    to the classifier because it saw it far less often than the rest, which it then rarely predicts. A line
    on the rows alone also caught classes as large as the rest, and so erased the class pairs the noise
    estimate is for (bench/README.md, session 28 (fewshot28)): where every class has about 10 rows (few-shot
    intents), each flip out of a class leaves it under the line, so the flips' own true classes got uniform
    noise (``banking77+shot10``, flips to the nearest class: 1-7 counted for 38-77); and the held-out test
    (engine/noise_trust.py's ``structure_evidence``) fits ``T`` on half the rows, where a 15-30-row class has
    7-15, so the test read half the classes as uniform and could not see their pairs (``banking77+few20``:
    undecided, 8 counted for 43). An average row, not the median class: where most classes have a row or two
    beside one large class (``+major60``, and its halves), those classes are the median. Where an average
    row's class has 20 rows or more the two lines agree."""
    counts = np.asarray(counts, dtype=np.float64)
    typical = float(np.sum(counts**2) / counts.sum()) if counts.sum() > 0 else 0.0
    return (counts < TINY_CLASS_ROWS) & (counts < typical / 2)


def without_tiny_classes(noise: np.ndarray, labels: np.ndarray, joint: np.ndarray) -> np.ndarray:
    """``noise`` with the rows and columns of tiny classes (``tiny_classes``) replaced by uniform noise
    at the estimated overall rate (columns renormalised)."""
    n_classes = noise.shape[0]
    tiny = tiny_classes(np.bincount(labels, minlength=n_classes))
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
