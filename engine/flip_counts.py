"""Flip models of label noise: ``P(given = y | x) = (1 - r) q_y + r sum_t q_t D[y, t]`` (``q``: the
classifier's sharpened probabilities, ``D``: where a flip lands, uniform when None), their rate by
EM, each row's posterior of a flip, and the count of label errors they estimate
(engine/label_posterior.py's module docstring says why the count is corrected for the flips the
classifier learned)."""

from __future__ import annotations

import numpy as np

#: ``counted_flips``: below this simulated share of flips seen, a model's count is its EM rate as
#: it is: the rate is then small next to the classifier's floors, the share says more about the
#: floors than about flips, and dividing by it amplifies a row or two (a 60-row ag_news sample with
#: 3 flips: a share of 0.07, 14 flagged; bench/quality.py's other noisy cells: 0.7-0.95).
#: ``DETECTION_ROWS`` / ``DETECTION_CELLS``: the sample that simulates it (rows, rows x classes).
MIN_FLIP_DETECTION = 0.5
#: ... but from ``LOW_FLIP_DETECTION`` the share divides where ``MIN_FLIP_ROWS`` rows or more are
#: counted (a relative error of 1/3 or less; at most 4x): with few classes and soft probabilities
#: a random flip is counted only where its label gets under about ``r / (K - 1)``, so at 5-10% the
#: share is 0.25-0.5 and the rate as it is counted half the flips (bench/README.md, session 22:
#: ``+rmerge6`` uniform 5%, 80 flagged for 154 flips; the 3 flips of 100 rows that share the cut
#: count 1-2 rows, so they keep the rate)
LOW_FLIP_DETECTION = 0.25
MIN_FLIP_ROWS = 9
DETECTION_ROWS = 20_000
DETECTION_CELLS = 4_000_000


def _flip_terms(labels: np.ndarray, q: np.ndarray, destinations: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Per row: ``q`` of the given label, and ``sum_{t != given} q_t D[given, t]`` (the chance a
    flip lands on the given label, up to the rate); ``D`` uniform when ``destinations`` is None."""
    rows = np.arange(len(labels))
    q_given = q[rows, labels]
    if destinations is None:
        return q_given, (1.0 - q_given) / max(q.shape[1] - 1, 1)
    return q_given, np.einsum("ij,ij->i", q, destinations[labels])


def flip_rate(labels: np.ndarray, q: np.ndarray, destinations: np.ndarray | None = None) -> float:
    """Maximum-likelihood rate ``r`` of ``P(given = y | x) = (1 - r) q_y + r sum_t q_t D[y, t]``
    (``D``: flip destinations, uniform when None), by EM from ``r`` = 0.1."""
    if q.shape[1] < 2 or len(labels) == 0:
        return 0.0
    kept, flipped = _flip_terms(labels, q, destinations)
    rate = 0.1
    for _ in range(200):
        wrong = rate * flipped
        new = float(np.mean(wrong / np.maximum((1.0 - rate) * kept + wrong, 1e-300)))
        if abs(new - rate) < 1e-7:
            return new
        rate = new
    return rate


def flip_weights(labels: np.ndarray, q: np.ndarray, rate: float, destinations: np.ndarray | None = None) -> np.ndarray:
    """Per row, the EM posterior that its label is a flip: ``r f / ((1 - r) q_y + r f)``."""
    kept, flipped = _flip_terms(labels, q, destinations)
    wrong = rate * flipped
    return wrong / np.maximum((1.0 - rate) * kept + wrong, 1e-300)


def flip_detection(labels: np.ndarray, q: np.ndarray, rate: float, destinations: np.ndarray | None = None) -> float:
    """The share of flips the model would count (EM posterior above 0.5), simulated: each row the
    classifier agrees with (mostly clean) is flipped to every destination ``y`` the model allows,
    weighted by ``D[y, given]``; a flip the classifier learned keeps a floor of probability on its
    label there, as a real flip does. At most ``DETECTION_ROWS`` rows (a seeded sample)."""
    n_classes = q.shape[1]
    if destinations is None:
        destinations = np.full((n_classes, n_classes), 1.0 / max(n_classes - 1, 1))
        np.fill_diagonal(destinations, 0.0)
    agree = np.flatnonzero(q.argmax(axis=1) == labels)
    if len(agree) == 0:
        return 0.0
    limit = max(1000, min(DETECTION_ROWS, DETECTION_CELLS // n_classes))
    if len(agree) > limit:
        agree = np.sort(np.random.default_rng(0).choice(agree, limit, replace=False))
    sample = q[agree]
    flipped = sample @ destinations.T  # [i, y]: sum_t q_t D[y, t], the flip term had row i been given y
    wrong = rate * flipped
    counted = wrong > 0.5 * np.maximum((1.0 - rate) * sample + wrong, 1e-300)
    return float(np.mean(np.einsum("ij,ij->i", counted, destinations[:, labels[agree]].T)))


def counted_flips(labels: np.ndarray, q: np.ndarray, destinations: np.ndarray | None = None, *,
                  set_aside: np.ndarray | None = None) -> tuple[float, float]:
    """Label errors a flip model (uniform when ``destinations`` is None) estimates, and the share
    of flips it sees (``flip_detection``): the rows whose EM posterior of a flip is above 0.5,
    over that share. The EM rate alone misses the flips the classifier learned (their label keeps
    the learned floor, so their posterior stays below 1; module docstring); where the model would
    see fewer than ``MIN_FLIP_DETECTION`` of them, the rate is kept as it is (unless it sees
    ``LOW_FLIP_DETECTION`` or more and counts ``MIN_FLIP_ROWS`` rows or more). Rows in ``set_aside``
    (a mask: the rows of classes the classifier barely saw, whose posterior of a flip is near 1
    whether flipped or not) add the rate's share only."""
    rate = flip_rate(labels, q, destinations)
    if rate <= 0.0:
        return 0.0, 0.0
    detection = flip_detection(labels, q, rate, destinations)
    likely = flip_weights(labels, q, rate, destinations) > 0.5
    aside = np.zeros(len(labels), dtype=bool) if set_aside is None else set_aside
    seen = float(np.sum(likely & ~aside))
    if detection < MIN_FLIP_DETECTION and (detection < LOW_FLIP_DETECTION or seen < MIN_FLIP_ROWS):
        return rate * len(labels), detection
    return seen / detection + rate * float(np.sum(aside)), detection


def stray_rows(labels: np.ndarray, probs: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Rows the classifier places in another class, each on its own: the likeliest other class
    reaches its confident-learning threshold (``thresholds``), and no other row of the same label
    has that class as its sure rival (rows that do are a look-alike class, not strays)."""
    rows = np.arange(len(labels))
    others = np.array(probs, dtype=np.float64)
    others[rows, labels] = -np.inf
    rival = others.argmax(axis=1)
    sure = np.flatnonzero(probs[rows, rival] >= thresholds[rival])
    _, pair, count = np.unique(np.column_stack([labels[sure], rival[sure]]), axis=0, return_inverse=True,
                               return_counts=True)
    strays = np.zeros(len(labels), dtype=bool)
    strays[sure] = count[pair.ravel()] < 2
    return strays


def label_loglik(labels: np.ndarray, q: np.ndarray, rate: float, destinations: np.ndarray | None) -> np.ndarray:
    kept, flipped = _flip_terms(labels, q, destinations)
    return np.log(np.maximum((1.0 - rate) * kept + rate * flipped, 1e-300))


def rated_flips(labels: np.ndarray, q: np.ndarray, noise: np.ndarray, *,
                set_aside: np.ndarray | None = None) -> tuple[float, float]:
    """``counted_flips`` for flips at a rate per class (engine/class_rates.py's ``T``: class ``t`` keeps its label
    at ``T[t, t]``, else lands on another class at random): the rows whose posterior of a flip, ``1 - q_y T[y, y] /
    sum_t q_t T[y, t]``, is above 0.5, over the share of flips that would be (simulated as in ``flip_detection``,
    each class's rows weighted by its own rate), and the share. A flip rate shared by every class misses most
    flips where a few classes flip often: the classifier learns part of them, and one rate for all puts their
    floor far below what it is (bench/README.md, session 23: ``+rmerge6``, a third of one class's rows flipped,
    45 counted for 154). Below the shares of ``counted_flips``, the model's expected flips (the posteriors'
    sum); rows in ``set_aside`` add their expected flips only."""
    rows = np.arange(len(labels))
    keep = np.diag(noise)
    given = q @ noise.T  # [i, y]: sum_t q_t T[y, t], the chance of label y had row i been given it
    wrong = 1.0 - q[rows, labels] * keep[labels] / np.maximum(given[rows, labels], 1e-300)
    aside = np.zeros(len(labels), dtype=bool) if set_aside is None else set_aside
    expected = float(np.sum(wrong))
    if expected <= 0.0:
        return 0.0, 0.0
    agree = np.flatnonzero(q.argmax(axis=1) == labels)
    limit = max(1000, min(DETECTION_ROWS, DETECTION_CELLS // q.shape[1]))
    if len(agree) > limit:
        agree = np.sort(np.random.default_rng(0).choice(agree, limit, replace=False))
    sample = q[agree]
    counted = given[agree] - sample * keep[None, :] > 0.5 * given[agree]  # [i, y]: a flip to y is counted
    lands = noise[:, labels[agree]].T.copy()  # [i, y]: T[y, t_i], flips out of row i's class into y
    lands[np.arange(len(agree)), labels[agree]] = 0.0
    detection = float(np.sum(counted * lands) / max(float(np.sum(lands)), 1e-300)) if len(agree) else 0.0
    seen = float(np.sum((wrong > 0.5) & ~aside))
    if detection < MIN_FLIP_DETECTION and (detection < LOW_FLIP_DETECTION or seen < MIN_FLIP_ROWS):
        return expected, detection
    return seen / detection + float(np.sum(wrong[aside])), detection
