"""The TF-IDF SVD's memory: each step held its product, LAPACK's copy of it and its result at once, and U
(unused unless the matrix is transposed), q and the projection together at the end: ~3 (n, k) blocks alive where
one or two do (100k rows: peak RSS 1.48 GB; 300k 3.13 GB; the reason --second-view auto stopped at 200,000 rows).
The same calls on the same values now overwrite the temporaries (engine/tfidf.truncated_svd): still bit-identical
to scikit-learn's TruncatedSVD (tests/test_tfidf_steps.py)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
import scipy.sparse as sp

from engine import tfidf


@pytest.mark.parametrize("shape", [(3000, 400), (400, 3000)])  # more texts than terms, and fewer
def test_the_svd_holds_fewer_blocks_at_once(shape) -> None:
    matrix = sp.random(*shape, density=0.02, format="csr", random_state=1, dtype=np.float64)
    tfidf.truncated_svd(matrix[:50, :50].tocsr(), 10)  # scipy's lazy imports, not the SVD's arrays
    block = max(shape) * (50 + tfidf.OVERSAMPLES) * 8  # one (n, k) float64 array of the longer side
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tfidf.truncated_svd(matrix, 50)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak <= 2.8 * block  # before: 3.2 and 3.8 blocks (each LU step 3.2), now 2.2 and 2.7
