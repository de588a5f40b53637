"""Synthetic data shared by the engine tests."""

from __future__ import annotations

import numpy as np


def clustered(n_per_class: int, classes: int, dim: int = 16, seed: int = 0):
    """Unit vectors around ``classes`` well-separated centres, and their labels."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((classes, dim)) * 3
    labels = np.repeat(np.arange(classes), n_per_class)
    vectors = centres[labels] + rng.standard_normal((len(labels), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels
