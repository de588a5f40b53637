"""scipy's own LAPACK routines called with Python's GIL released, bit for bit scipy's results.

scipy's wrappers of some routines hold the GIL for the whole call (f2py's ``gesdd``, the Cython ``lu``), so the
app's event loop (its clock, Escape, q) stands still while the TF-IDF view's SVD computes: up to ~0.8 s per LU at
10k banking77 texts on 2 busy cores, seconds at 100k. The routines here are the same ones
(``scipy.linalg.cython_lapack``'s capsules, which scipy's Cython code calls too), called through ctypes, which lets
the GIL go around a foreign call. Where a capsule cannot be read (another scipy build or Python) the caller falls
back to scipy's own function: the same values, the GIL held.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy loads inside the functions that compute
    import numpy as np


class NoRoutine(Exception):
    """``scipy.linalg.cython_lapack`` has no such routine, or ctypes cannot read its capsule."""


def lapack_routine(name: str, pointers: int) -> Any:
    """``scipy.linalg.cython_lapack``'s ``name`` as a ctypes function of ``pointers`` pointer arguments (LAPACK
    passes every argument by address), returning nothing; ``NoRoutine`` where it cannot be reached."""
    import ctypes

    from scipy.linalg import cython_lapack

    try:
        capsule = cython_lapack.__pyx_capi__[name]  # its name is the C signature
        capsule_name = ctypes.PYFUNCTYPE(ctypes.c_char_p, ctypes.py_object)(("PyCapsule_GetName", ctypes.pythonapi))
        address = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
            ("PyCapsule_GetPointer", ctypes.pythonapi))(capsule, capsule_name(capsule))
        return ctypes.CFUNCTYPE(None, *[ctypes.c_void_p] * pointers)(address)  # CFUNCTYPE: the GIL is let go
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise NoRoutine(name) from exc


def permuted_l_releasing_gil(a: np.ndarray) -> np.ndarray:
    """``scipy.linalg.lu(a, permute_l=True, overwrite_a=True, check_finite=False)[0]`` for a tall (m > n) float64
    C-contiguous writeable ``a``, bit for bit, ``a`` overwritten and returned as scipy does, with the GIL released
    while LAPACK's dgetrf factors it (scipy 1.17's Cython lu_decompose holds it). The steps are scipy's: ``a``
    copied to Fortran order, dgetrf, copied back, L's unit diagonal and zeros set, its rows permuted by the pivots
    (copies only: no arithmetic but dgetrf's). Any other array, or a scipy without the routine: scipy's own lu."""
    import ctypes

    import numpy as np

    m, n = a.shape if a.ndim == 2 else (0, 0)
    if not (a.dtype == np.float64 and a.flags.c_contiguous and a.flags.writeable and m > n > 1):
        return _scipy_permuted_l(a)
    try:
        dgetrf = lapack_routine("dgetrf", 6)
    except NoRoutine:
        return _scipy_permuted_l(a)
    buffer = np.empty(m * n)
    fortran = buffer.reshape(n, m).T  # (m, n) in Fortran order: scipy's swap_c_and_f_layout
    fortran[...] = a  # numpy's copies let the GIL go
    pivots = np.empty(n, dtype=np.intc)
    info = ctypes.c_int(0)
    m_, n_ = ctypes.c_int(m), ctypes.c_int(n)
    dgetrf(ctypes.byref(m_), ctypes.byref(n_), fortran.ctypes.data, ctypes.byref(m_), pivots.ctypes.data,
           ctypes.byref(info))
    if info.value < 0:  # scipy's words; info > 0 (an exact zero pivot) goes on, as in scipy
        raise ValueError("scipy.linalg.lu has encountered an internal error in ?getrf routine with invalid value"
                         f" at {-info.value}-th parameter.")
    top = fortran[:n]  # tall: L is below the diagonal, its diagonal 1 and U's place 0
    top[np.triu_indices(n, 1)] = 0.0
    np.fill_diagonal(top, 1.0)
    a[...] = fortran
    order = np.arange(m)  # the row swaps dgetrf made (1-based), followed as scipy follows them
    for row, pivot in enumerate(pivots.tolist()):
        order[row], order[pivot - 1] = order[pivot - 1], order[row]
    source = np.empty(m, dtype=np.intp)
    source[order] = np.arange(m)  # P·L: row i of the result is L's row source[i]
    plain = buffer.reshape(m, n)  # the buffer again, C-ordered: a copy of L to take rows from
    plain[...] = a
    np.take(plain, source, axis=0, out=a, mode="clip")  # "clip": no copy of ``out`` first (every index is valid)
    return a


def _scipy_permuted_l(a: np.ndarray) -> np.ndarray:
    from scipy import linalg

    return linalg.lu(a, permute_l=True, overwrite_a=True, check_finite=False)[0]
