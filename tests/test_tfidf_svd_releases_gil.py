"""The TF-IDF SVD's small SVD (gesdd) lets other threads run: scipy.linalg.svd's wrapper held Python's GIL for
the whole LAPACK call, so the app's event loop (its elapsed clock, Escape, q) stood still ~20 s on banking77 train's
TF-IDF view (2 busy cores). engine/tfidf.svd_releasing_gil calls the same LAPACK routine with the GIL released,
bit for bit the same values. No timing here: a second thread records where the SVD's thread is each time it runs."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine import tfidf
from thread_watch import lines_seen_during


def test_another_thread_runs_while_lapack_computes_the_small_svd() -> None:
    matrix = sp.random(300, 3000, density=0.05, format="csr", random_state=0, dtype=np.float64)
    lines = lines_seen_during(tfidf.truncated_svd, matrix, 200)
    # the LAPACK call itself: scipy's wrapper lets go only while it copies the input (on the same line)
    in_gesdd = [line for line in lines if line.startswith("svd_releasing_gil:") and "dgesdd(" in line]
    assert in_gesdd, "no other thread ran while LAPACK's gesdd computed the small SVD"


def test_scipys_gil_holding_svd_is_not_called(monkeypatch) -> None:
    from scipy import linalg

    def holds_the_gil(*args, **kwargs):
        raise AssertionError("scipy.linalg.svd holds the GIL for its whole LAPACK call")

    monkeypatch.setattr(linalg, "svd", holds_the_gil)
    matrix = sp.random(60, 200, density=0.1, format="csr", random_state=1, dtype=np.float64)
    assert tfidf.truncated_svd(matrix, 20).shape == (60, 20)


def test_the_small_svd_is_scipys_bit_for_bit() -> None:
    from scipy import linalg

    for shape in [(40, 300), (300, 40)]:
        matrix = np.random.RandomState(3).normal(size=shape)
        expected = linalg.svd(matrix, full_matrices=False, lapack_driver="gesdd")
        got = tfidf.svd_releasing_gil(matrix)
        assert all(np.array_equal(g, e) for g, e in zip(got, expected))
        assert all(g.flags.f_contiguous for g in got)  # as f2py returns them: later products keep their bits


def test_a_scipy_without_the_routine_falls_back_to_its_own_svd(monkeypatch) -> None:
    """A scipy build whose cython_lapack lacks dgesdd (or a Python without ctypes' capsule calls) still audits:
    the same values from scipy.linalg.svd, the GIL held, not a crash."""
    import numpy as np
    from scipy import linalg
    from scipy.linalg import cython_lapack

    from engine.tfidf import svd_releasing_gil

    monkeypatch.setattr(cython_lapack, "__pyx_capi__", {})
    matrix = np.random.default_rng(3).normal(size=(12, 40))
    u, s, vt = svd_releasing_gil(matrix)
    want = linalg.svd(matrix, full_matrices=False, lapack_driver="gesdd")
    assert all(np.array_equal(got, expected) for got, expected in zip((u, s, vt), want))
