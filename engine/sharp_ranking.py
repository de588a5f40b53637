"""Self-confidence read on the sharpened probabilities, where simulated random flips say they rank better.

On the self-confidence paths the flags come from a random-flip model on the probabilities sharpened by
``SHARPNESS`` (``q``; engine/flip_counts.py), and that model's posterior of a flip ranks rows by ``q`` of the
given label, not by its raw probability: ``q_y = p_y^s / sum_t p_t^s`` also falls where another class holds the
rest of a row's mass (a sure rival) and rises where the rest is spread thin. Whether that ranks the flips better
depends on how the classifier spreads its doubt, which the labels cannot say directly. So it is measured on the
data itself, without its true noise: a share of the rows get a label drawn at random from the other classes (a
row's out-of-fold probabilities do not depend on its own label, so they stay as they are), and each ranking's
average precision at finding those rows is compared over ``DRAWS`` draws; ``q`` is used where it wins with a
paired z of at least ``min_z`` (the held-out structure test's ``MIN_STRUCTURE_Z``). The rows' real label errors
sit among the negatives for both rankings alike.

On bench/quality.py's 435 cached noisy runs (LABEL_VERSION 18, bench/README.md session 15): q chosen on 92 of the
225 self-confidence runs (66 on weak vectors, ``+proj8/10/24``); per cell up to +0.049 AP (weak vectors at 0.5-2%
random flips: three AP-short cells closed), none lower by more than 0.002; flag counts unchanged. On the tests'
weak synthetics, whose sibling classes hold an under-confident runner-up (bench/README.md session 11), always
using q cost 0.005-0.09 AP; the simulation never picks it there (z at most 0.75 on its 20 self-confidence seeds).
"""

from __future__ import annotations

import numpy as np

from engine.wording import counted

#: The simulated flips: this share of the rows (at least ``SIMULATED_MIN``, at most a quarter), ``DRAWS``
#: times, on a seeded sample of at most ``SAMPLE_ROWS`` rows.
SIMULATED_SHARE = 0.02
SIMULATED_MIN = 20
DRAWS = 16
SAMPLE_ROWS = 20_000


def simulated_gain(labels: np.ndarray, probs: np.ndarray, sharp: np.ndarray) -> tuple[float, float, int]:
    """Mean gain in average precision of ``sharp``'s label probability over ``probs``' at finding simulated
    random flips, its paired z over the draws, and the flips simulated per draw (0: too few rows or classes)."""
    from sklearn.metrics import average_precision_score

    rng = np.random.default_rng(0)
    n_rows, n_classes = probs.shape
    if n_rows > SAMPLE_ROWS:
        keep = np.sort(rng.choice(n_rows, SAMPLE_ROWS, replace=False))
        labels, probs, sharp, n_rows = labels[keep], probs[keep], sharp[keep], SAMPLE_ROWS
    flips = min(max(SIMULATED_MIN, int(SIMULATED_SHARE * n_rows)), n_rows // 4)
    if n_classes < 3 or flips < 2:  # two classes: q ranks exactly as the raw probability does
        return 0.0, 0.0, 0
    rows = np.arange(n_rows)
    gains = []
    for _ in range(DRAWS):
        flipped = rng.choice(n_rows, flips, replace=False)
        given = labels.copy()
        given[flipped] = (labels[flipped] + rng.integers(1, n_classes, flips)) % n_classes
        truth = np.zeros(n_rows, dtype=bool)
        truth[flipped] = True
        gains.append(average_precision_score(truth, -sharp[rows, given])
                     - average_precision_score(truth, -probs[rows, given]))
    gains = np.asarray(gains)
    spread = float(gains.std(ddof=1)) / np.sqrt(len(gains))
    mean = float(gains.mean())
    return mean, (mean / spread if spread > 0 else (np.inf if mean > 0 else 0.0)), flips


def sharpened_ranking(labels: np.ndarray, probs: np.ndarray, sharp: np.ndarray, score: np.ndarray, min_z: float,
                      diagnostics: dict, notes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The probabilities the self-confidence paths rank on and the score: ``sharp`` and its label's value where
    it finds simulated flips better (a note says so), else ``probs`` and ``score`` as they are."""
    gain, z, flips = simulated_gain(labels, probs, sharp)
    if not flips:
        return probs, score
    diagnostics.update(sharpened_ranking_gain=round(gain, 4), sharpened_ranking_z=round(min(z, 1e6), 2))
    if z < min_z:
        return probs, score
    diagnostics["sharpened_ranking"] = 1
    notes.append(f"label scores: self-confidence read on the probabilities sharpened as the random-flip model reads "
                 f"them (it ranks rows so): with {counted(flips, 'label')} set at random {DRAWS} times, they found "
                 f"those rows better than the raw probabilities (average precision {gain:+.3f}, z {z:.1f})")
    return sharp, sharp[np.arange(len(labels)), labels]
