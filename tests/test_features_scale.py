"""``--features`` of a very large or very small scale: the row norms were float32 sums of squares,
which overflowed to inf above ~1e19 (every row then divided to zeros: 60 identical rows audited
with 0 near-duplicates, no word) and fell to 0 below ~1e-19 (rows with a direction treated as
all-zero ones). Only the direction matters, so the scale must not (s17 hostile)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.checks import check_features


@pytest.mark.parametrize("scale", [1e30, 1e19, 1.0, 1e-21, 1e-30])
def test_rows_keep_their_direction_at_any_scale(scale: float) -> None:
    rows = np.random.default_rng(0).standard_normal((8, 16))
    expected = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    features = check_features((rows * scale).astype(np.float32), 8)
    assert features.dtype == np.float32
    np.testing.assert_allclose(features, expected, atol=1e-5)
