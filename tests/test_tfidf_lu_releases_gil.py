"""The TF-IDF SVD's LU steps let other threads run: scipy.linalg.lu (its Cython lu_decompose) held Python's GIL
for the whole LAPACK dgetrf, so the app's clock and keys stood still up to ~0.8 s per LU on banking77 train's
TF-IDF view (2 busy cores), seconds at 100k rows. engine/lapack_nogil.permuted_l_releasing_gil calls the same
routine with the GIL released, bit for bit scipy's values. No timing: a second thread records where the LU's thread
is each time it runs (as tests/test_tfidf_svd_releases_gil.py does for gesdd)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from engine import tfidf
from thread_watch import lines_seen_during
from engine.lapack_nogil import permuted_l_releasing_gil


def _scipy(a: np.ndarray) -> np.ndarray:
    from scipy import linalg

    return linalg.lu(a.copy(), permute_l=True, overwrite_a=True, check_finite=False)[0]


def _matrices() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    singular = rng.normal(size=(60, 12))
    singular[:, 4] = 0.0  # an exact zero pivot (dgetrf info > 0): scipy goes on, so does this
    repeated = np.repeat(rng.normal(size=(10, 6)), 5, axis=0)  # equal rows: ties in the pivoting
    return [rng.normal(size=(3, 2)), rng.normal(size=(300, 40)), rng.normal(size=(2000, 266)), singular, repeated,
            rng.standard_cauchy(size=(500, 30))]


def test_the_lu_is_scipys_bit_for_bit() -> None:
    for matrix in _matrices():
        want = _scipy(matrix)
        given = matrix.copy()
        got = permuted_l_releasing_gil(given)
        assert got is given and got.flags.c_contiguous, matrix.shape  # overwritten in place, as scipy does
        assert np.array_equal(got, want), (matrix.shape, float(np.nanmax(np.abs(got - want))))


@pytest.mark.parametrize("make", [
    lambda m: m.T.copy(),  # fat: scipy's other layout
    lambda m: np.asfortranarray(m),  # not C-ordered
    lambda m: m.astype(np.float32),
    lambda m: m[:, :1].copy(),  # one column
])
def test_other_arrays_are_scipys_own_lu(make) -> None:
    matrix = make(np.random.default_rng(2).normal(size=(50, 8)))
    assert np.array_equal(permuted_l_releasing_gil(matrix.copy()), _scipy(matrix))


def test_a_scipy_without_the_routine_falls_back_to_its_own_lu(monkeypatch) -> None:
    """A scipy build whose cython_lapack lacks dgetrf (or a Python without ctypes' capsule calls) still audits: the
    same values from scipy.linalg.lu, the GIL held, not a crash."""
    from scipy.linalg import cython_lapack

    matrix = np.random.default_rng(3).normal(size=(80, 10))
    want = _scipy(matrix)
    monkeypatch.setattr(cython_lapack, "__pyx_capi__", {})
    assert np.array_equal(permuted_l_releasing_gil(matrix.copy()), want)


def test_the_truncated_svd_calls_no_gil_holding_lu(monkeypatch) -> None:
    from scipy import linalg

    def holds_the_gil(*args, **kwargs):
        raise AssertionError("scipy.linalg.lu holds the GIL for its whole LAPACK call")

    matrix = sp.random(400, 300, density=0.05, format="csr", random_state=4, dtype=np.float64)
    want = tfidf.truncated_svd(matrix, 20)
    monkeypatch.setattr(linalg, "lu", holds_the_gil)
    assert np.array_equal(tfidf.truncated_svd(matrix, 20), want)


def test_another_thread_runs_while_lapack_factors() -> None:
    matrix = np.random.default_rng(5).normal(size=(20000, 266))
    lines = lines_seen_during(permuted_l_releasing_gil, matrix)
    in_dgetrf = [line for line in lines if line.startswith("permuted_l_releasing_gil:") and "dgetrf(" in line]
    assert in_dgetrf, "no other thread ran while LAPACK's dgetrf factored the matrix"
