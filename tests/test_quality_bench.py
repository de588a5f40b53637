"""bench/quality.py's degenerate shapes and its no-noise (sanity) cells."""

from __future__ import annotations

import math

import numpy as np

from bench.quality import FINE_TAIL, coarse_classes, metrics, shape_rows


def labels_of(classes: int, rows: int) -> np.ndarray:
    return np.repeat(np.arange(classes), rows)


def test_fine50_has_the_hidden_domains_tail() -> None:
    labels = labels_of(77, 130)
    counts = np.bincount(labels[shape_rows(labels, "fine50")])
    counts = counts[counts > 0]
    assert len(counts) == 50
    assert sorted(counts)[:8] == sorted(FINE_TAIL) and (counts < 10).sum() == 8 and (counts == 1).sum() == 1
    assert (counts == 130).sum() == 42


def test_binary_imbalanced_and_tiny_shapes() -> None:
    labels = labels_of(4, 1900)
    for shape, expected in (("binary", [1900, 1900]), ("imbalanced", [19, 1900]), ("tiny", [15, 15, 15, 15])):
        keep = shape_rows(labels, shape)
        assert len(np.unique(keep)) == len(keep)
        counts = np.bincount(labels[keep])
        assert sorted(counts[counts > 0]) == expected, shape


def test_no_injected_noise_counts_the_flags_and_leaves_ap_blank() -> None:
    truth = np.zeros(5, dtype=bool)
    m = metrics(np.array([1, 0, 0, 0, 1], dtype=bool), np.linspace(0, 1, 5), truth)
    assert m["flagged"] == 2 and m["f1"] == 0.0 and math.isnan(m["ap"]) and math.isnan(m["auroc"])
    m = metrics(np.array([1, 0, 0, 0, 0], dtype=bool), np.linspace(0, 1, 5), np.array([1, 0, 0, 0, 0], dtype=bool))
    assert m["ap"] == 1.0 and m["f1"] == 1.0


def test_zipf50_is_skewed_like_a_question_set() -> None:
    labels = labels_of(77, 200)
    counts = np.bincount(labels[shape_rows(labels, "zipf50")])
    counts = counts[counts > 0]
    assert len(counts) == 50 and counts.max() == 190 and (counts < 10).sum() == 8 and (counts == 1).sum() == 1
    assert 20 < np.median(counts) < 50  # classes of tens of rows: the noise estimate's thin end


def test_coarse_classes_group_similar_fine_classes() -> None:
    """``+coarse3``: every fine class lands whole in one of 3 groups, and classes whose vectors
    lie together share a group (three clusters of 4 fine classes each)."""
    rng = np.random.default_rng(0)
    labels = labels_of(12, 20)
    centres = np.eye(3)[np.arange(12) // 4] * 10.0 + rng.normal(0.0, 0.5, (12, 3))
    vectors = centres[labels] + rng.normal(0.0, 0.1, (len(labels), 3))
    coarse = coarse_classes(vectors, labels, 3)
    assert sorted(np.unique(coarse)) == [0, 1, 2]
    for fine in range(12):
        assert len(np.unique(coarse[labels == fine])) == 1
    assert len({tuple(np.unique(coarse[(labels // 4) == c])) for c in range(3)}) == 3
