"""The tiny-class line of the noise matrix is relative (engine/noise_matrix.py ``tiny_classes``): a class the
size of the others keeps its class pairs in ``T`` though it is under ``TINY_CLASS_ROWS`` rows, in the whole
labels (few-shot intents, where each flip out of a class leaves it under the line) and in the halves the
held-out structure test fits ``T`` on (bench/README.md, session 28 (fewshot28))."""

from __future__ import annotations

import numpy as np

from engine.label_posterior import score_labels
from engine.noise_matrix import TINY_CLASS_ROWS, without_tiny_classes
from engine.noise_trust import MIN_STRUCTURE_SHARE, structure_evidence


def nearest_class_flips(seed: int, rate: float, sizes: np.ndarray):
    """pred_probs of a fair classifier on classes of ``sizes`` rows, each honestly confused with the next
    class (its nearest); ``rate`` of the rows flipped to that class, which the model partly learned.
    Returns the given labels, the probabilities and the flipped rows."""
    rng = np.random.default_rng(seed)
    n_classes = len(sizes)
    truth = np.repeat(np.arange(n_classes), sizes)
    rows = np.arange(len(truth))
    near = (truth + 1) % n_classes
    logits = rng.normal(0.0, 1.0, (len(truth), n_classes))
    logits[rows, truth] += 4.0 + rng.normal(0.0, 1.0, len(truth))
    logits[rows, near] += 1.0 + rng.normal(0.0, 1.0, len(truth))
    flipped = np.zeros(len(truth), dtype=bool)
    flipped[rng.choice(len(truth), int(round(rate * len(truth))), replace=False)] = True
    logits[rows[flipped], near[flipped]] += 0.5
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.where(flipped, near, truth), probs / probs.sum(axis=1, keepdims=True), flipped


def pair_joint(counts: np.ndarray, source: int, target: int, flips: int) -> np.ndarray:
    """A confident joint ``Q[given, true]`` where ``flips`` rows of true class ``source`` carry ``target``."""
    joint = np.diag(counts.astype(np.float64))
    joint[target, target] -= flips
    joint[target, source] += flips
    return joint / joint.sum()


def test_a_class_as_small_as_the_others_keeps_its_class_pairs():
    """Few-shot intents: every class has 10 rows, and a flip out of class 0 into class 1 leaves class 0 at 9.
    Class 0's column is where those flips are recorded, so it must not be replaced by uniform noise."""
    counts = np.full(30, 10)
    counts[0], counts[1] = 9, 11
    labels = np.repeat(np.arange(30), counts)
    joint = pair_joint(counts, source=0, target=1, flips=3)
    noise = joint / joint.sum(axis=0, keepdims=True)
    fixed = without_tiny_classes(noise, labels, joint)
    assert counts[0] < TINY_CLASS_ROWS
    assert fixed[1, 0] > 0.2  # 3 of class 0's rows carry label 1 (uniform noise would leave ~0.001)
    np.testing.assert_allclose(fixed, noise)


def test_a_half_of_a_small_set_keeps_the_pairs_of_its_7_to_9_row_classes():
    """The held-out test fits ``T`` on half the rows: classes of 15-30 rows have 7-15 there, as large as the
    rest of that half, so their pairs stay."""
    counts = np.array([7, 8, 9, 11, 12, 13, 14, 15, 9, 10])
    labels = np.repeat(np.arange(len(counts)), counts)
    joint = pair_joint(counts, source=1, target=2, flips=2)
    noise = joint / joint.sum(axis=0, keepdims=True)
    fixed = without_tiny_classes(noise, labels, joint)
    assert fixed[2, 1] > 0.15  # 2 of class 1's 10 rows carry label 2
    np.testing.assert_allclose(fixed, noise)


def test_a_class_small_beside_the_others_is_still_tiny():
    """As before: a 3-row class among 10-row ones, a 9-row class among 100-row ones, and the 1-row classes
    beside one large class (``+major60``: there the median class is 1 row) get uniform noise."""
    for counts in (np.array([3] + [10] * 20), np.array([9] + [100] * 20), np.array([95] + [1] * 76)):
        labels = np.repeat(np.arange(len(counts)), counts)
        joint = np.diag(counts.astype(np.float64))
        joint[0, 1:3] = 0.5
        joint[1:3, 0] = 0.5
        joint /= joint.sum()
        noise = joint / joint.sum(axis=0, keepdims=True)
        fixed = without_tiny_classes(noise, labels, joint)
        small = int(np.flatnonzero(counts < TINY_CLASS_ROWS)[0])
        assert np.ptp(np.delete(fixed[:, small], small)) < 1e-12  # its column: uniform noise


def test_few_shot_flips_to_the_nearest_class_are_counted():
    """60 classes of 10 rows, 5% of the rows flipped to the nearest class: the count (the guards' path, median
    under 20 rows) reads the flips' class pairs. Under a line on the rows alone every class a flip left got
    uniform noise and the count stayed near 0 (``banking77+shot10`` confusable: 1-7 for 38-77)."""
    counts, flips = [], []
    for seed in range(4):
        given, probs, flipped = nearest_class_flips(seed, 0.05, np.full(60, 10))
        result = score_labels(given, probs)
        counts.append(result.estimated_issues)
        flips.append(int(flipped.sum()))
    ratio = np.array(counts) / np.array(flips)
    assert ratio.mean() >= 0.5, counts
    assert ratio.max() <= 2.0, counts


def test_the_held_out_test_sees_class_pairs_on_a_set_of_small_classes():
    """20 classes of 18 rows (9 in each half), 10% flipped to the nearest class: on held-out rows the class
    pairs explain the labels better than random flips. With the rows-alone line each half's ``T`` was all
    uniform noise, so the test compared random flips with random flips (gain 0)."""
    shares = []
    for seed in range(4):
        given, probs, _ = nearest_class_flips(seed, 0.1, np.full(20, 18))
        shares.append(structure_evidence(given, probs)["share"])
    assert np.mean(shares) >= MIN_STRUCTURE_SHARE, shares


def test_no_injected_noise_few_shot_flags_little():
    """The same few-shot shape with no flips: the relative line does not make a clean set look noisy."""
    for seed in range(3):
        given, probs, _ = nearest_class_flips(seed, 0.0, np.full(60, 10))
        assert score_labels(given, probs).estimated_issues <= 0.02 * len(given)
