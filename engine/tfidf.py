"""``--model tfidf``: TF-IDF (1-2 grams) reduced by a truncated SVD to at most 256 unit-norm dimensions.

The SVD is scikit-learn's ``TruncatedSVD(n_components, random_state=0)`` (randomized, 5 LU-normalised
power iterations, 10 oversamples) done here step by step, with the same calls in the same order, so
the vectors are bit-identical to it (tests/test_tfidf_steps.py) while the stage reports progress and
honours a cancel between steps: the one ``fit_transform`` call reported nothing until it ended (100k
rows: 28 s on a quiet machine, 225 s under load, ~90% of it the SVD) and could not be cancelled.

A text none of whose words (1-2 grams) is in another text is at cosine similarity 0 to every row in the
TF-IDF matrix, but the SVD gives it whatever direction its rounding leaves, normalised to a unit vector:
banking77 test with 10 such texts (random letter strings) added, nearest similarity 0.17-0.41; 100k rows,
40 such texts, 0.28-0.53. Its vector is set to zero, as a text with no word already has (its similarity to
every row then 0, as in the matrix: :func:`shares_a_term`), and engine/outlier_isolated.py flags it.

Memory: the SVD's (n, k) float64 blocks (n the longer side, texts or terms; k 266) set the stage's peak. Each
step once held its product, LAPACK's copy of it and its result, and the end U (unused unless transposed), q and the
projection together; the LUs and the QR now overwrite their product and U is made only where it is the components:
the same calls on the same values (bit-identical vectors), peak RSS 1.05 -> 0.79 GB at 50k texts (bench/README.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from engine.errors import DataError, EmbedCancelled
from engine.progress import StepFn

if TYPE_CHECKING:  # numpy loads inside the functions that compute
    import numpy as np

COMPONENTS = 256
#: Version of the vectors this module computes, in the embed stage's cache key: 2, the vector of a text sharing
#: no word with another set to zero (1: its SVD direction); 3, the same vectors, but a zero row's neighbours are
#: drawn at random (engine/neighbours.untie_blind): every later stage's key holds this one, so they all move
VECTORS_VERSION = 3


class NoWords(DataError):
    """No text has a word TF-IDF reads (two letters or more): no vocabulary. The audit's TF-IDF view
    (engine/second_view.py) is then left out; ``--model tfidf`` stops with it."""


#: TruncatedSVD's defaults: n_iter=5, n_oversamples=10, random_state=0 as textaudit always gave it
POWER_ITERATIONS = 5
OVERSAMPLES = 10
SEED = 0
#: Steps of :func:`truncated_svd`: a sparse product and its LU per half power iteration, the range's
#: QR, the small SVD, its vectors back in the big space, the sign flip and projection of the texts
SVD_STEPS = 2 * POWER_ITERATIONS + 4
#: Share of the stage's progress the vectorizer's pass over the texts takes; the rest goes to the
#: SVD's steps by their estimated cost (:func:`step_costs`). 100k banking77-like rows on 2 busy cores:
#: the pass 6.8 s of 81 (bench/README.md)
VECTORIZE_SHARE = 0.1
#: Seconds between cancel checks while one SVD step runs in its helper thread
POLL_S = 0.1
#: The name of the helper thread a cancellable step runs in (:meth:`Steps.run`)
STEP_THREAD = "tfidf-svd-step"


class _Steps:
    """The stage's progress over ``total`` texts and its cancel check."""

    def __init__(self, total: int, progress: StepFn | None, cancel: threading.Event | None, every_s: float = 0.2):
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.every_s = every_s
        self.last = time.perf_counter()
        self.reported = 0

    def check(self) -> None:
        """Raise ``EmbedCancelled`` (nothing kept: TF-IDF vectors depend on every text) once cancelled."""
        if self.cancel is not None and self.cancel.is_set():
            import numpy as np

            raise EmbedCancelled(np.zeros(0, dtype=np.int64), None)

    def at(self, fraction: float, *, throttled: bool = False) -> None:
        """Check for a cancel, and report ``fraction`` of the stage done (at most every ``every_s``
        seconds when ``throttled``)."""
        self.check()
        if self.progress is None:
            return
        done = min(self.total, int(fraction * self.total))
        now = time.perf_counter()
        if done <= self.reported or (throttled and now - self.last < self.every_s):
            return
        self.last, self.reported = now, done
        self.progress(done, self.total)

    def run(self, func: Callable[[], Any]) -> Any:
        """``func()``; with a cancel event, in a helper thread while this one checks it every
        :data:`POLL_S`: a cancel returns at once, the step's LAPACK call (up to ~20 s on a busy
        machine at 100k rows) finishing on its own, its result dropped (the LUs and the small SVD let
        the GIL go: engine/lapack_nogil.py, svd_releasing_gil)."""
        if self.cancel is None:
            return func()
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["value"] = func()
            except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
                box["error"] = exc

        helper = threading.Thread(target=target, name=STEP_THREAD, daemon=True)
        helper.start()
        while helper.is_alive():
            helper.join(POLL_S)
            self.check()
        if "error" in box:
            raise box["error"]
        return box["value"]


def step_left_running() -> bool:
    """Whether a cancelled step's helper thread (:meth:`Steps.run`) is still in its LAPACK call, the GIL let go: the
    interpreter's exit must not wait for it or run beside it (tui/cli.run)."""
    return any(thread.name == STEP_THREAD and thread.is_alive() for thread in threading.enumerate())


#: Terms per ``sorted`` call in the vectorizer's vocabulary sort (:func:`sorted_in_parts`)
SORT_PART = 1 << 14


def sorted_in_parts(terms: Sequence[str]) -> list[str]:
    """``sorted(terms)`` of distinct strings, the same list: parts of :data:`SORT_PART` sorted, then merged by
    ``heapq.merge``, Python code, between whose steps other threads run."""
    import heapq

    if len(terms) <= SORT_PART:
        return sorted(terms)
    return list(heapq.merge(*(sorted(terms[start:start + SORT_PART]) for start in range(0, len(terms), SORT_PART))))


def _vectorizer(**settings: Any) -> Any:
    """``TfidfVectorizer(**settings)`` whose vocabulary sort lets other threads run: scikit-learn's
    ``_sort_features`` sorts ``vocabulary.items()`` in one ``sorted`` call, which holds Python's GIL throughout
    (100k WordNet glosses, 728,575 terms: 0.95 s on a quiet core, 10.6 s on 2 busy ones, the app's clock and keys
    stopped while the TF-IDF view built in its worker). Here the same steps, the terms (distinct: sorting them
    sorts the items) sorted by :func:`sorted_in_parts`: the same vocabulary, in the same order, and matrix."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    class Vectorizer(TfidfVectorizer):
        def _sort_features(self, X: Any, vocabulary: dict[str, Any]) -> Any:  # noqa: N803 - scikit-learn's names
            terms = sorted_in_parts(list(vocabulary))
            map_index = np.empty(len(terms), dtype=X.indices.dtype)
            for new_val, term in enumerate(terms):  # scikit-learn's loop
                map_index[vocabulary[term]] = new_val
                vocabulary[term] = new_val
            X.indices = map_index.take(X.indices, mode="clip")
            return X

    return Vectorizer(**settings)


def term_matrix(texts: Sequence[str], analyze: Callable[[str], list[str]] | None = None,
                max_terms: int | None = None) -> Any:
    """The sparse, L2-normalised TF-IDF rows of ``texts`` (1-2 grams, sublinear tf; ``max_terms``: only that many
    most frequent, None every one); ``analyze``: TfidfVectorizer(ngram_range=(1, 2))'s own analyzer, wrapped (to
    count the texts read). Raises ValueError ('empty vocabulary') where no text has a word of two letters or more.
    TfidfVectorizer's values, its vocabulary sorted in parts (:func:`_vectorizer`)."""
    reads: dict[str, Any] = {"analyzer": analyze} if analyze is not None else {"ngram_range": (1, 2)}
    return _vectorizer(**reads, min_df=1, sublinear_tf=True, max_features=max_terms).fit_transform(texts)


def tfidf_vectors(texts: Sequence[str], *, progress: StepFn | None = None, cancel: threading.Event | None = None,
                  max_terms: int | None = None, keep_terms: Callable[[Any], None] | None = None) -> np.ndarray:
    """An (n, d) float32 array of unit vectors, d = min(256, n - 1, terms - 1) (the TF-IDF rows
    themselves below 2). ``progress(done, n)`` moves through the vectorizer's pass over the texts,
    then the SVD's steps; ``cancel`` is checked between them (``EmbedCancelled``, nothing kept).
    ``max_terms``: keep only that many most frequent 1-2 grams (TfidfVectorizer's ``max_features``;
    the audit's TF-IDF view, engine/second_view.VIEW_MAX_TERMS); None (``--model tfidf``): every one. ``keep_terms``:
    called with the sparse TF-IDF rows the SVD reduces (the audit's near-duplicate check reads them: one matrix per
    audit, engine/tfidf_confirm.py); they are not changed after."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    steps = _Steps(len(texts), progress, cancel)
    steps.check()
    words = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()  # what the vectorizer reads of a text
    counted = 0

    def analyze(text: str) -> list[str]:
        nonlocal counted
        counted += 1
        steps.at(VECTORIZE_SHARE * counted / len(texts), throttled=True)
        return words(text)

    try:  # the same vocabulary and weights as term_matrix(texts, max_terms=max_terms)
        matrix = term_matrix(texts, analyze, max_terms)
    except ValueError as exc:  # "empty vocabulary": no text has a word of two letters or more
        raise NoWords(f"--model tfidf found no words in the texts ({exc}); "
                        "use a sentence-transformers model") from None
    if keep_terms is not None:
        keep_terms(matrix)
    steps.at(VECTORIZE_SHARE)
    n_components = min(COMPONENTS, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if n_components >= 2:
        dense = truncated_svd(matrix, n_components,
                              step=lambda part: steps.at(VECTORIZE_SHARE + (1 - VECTORIZE_SHARE) * part),
                              run=steps.run)
    else:
        dense = matrix.toarray()
    dense[~shares_a_term(matrix)] = 0.0  # no word in any other text: similarity 0 to each, as in the matrix
    vectors = normalize(dense, copy=False).astype(np.float32)  # in place: one (n, d) block fewer
    steps.at(1.0)
    return vectors


def shares_a_term(matrix: Any) -> np.ndarray:
    """Per row of a CSR ``matrix``, whether one of its terms is in another row too (the term's document
    frequency over 1): a row without is orthogonal to every row (a row of no term is too). One pass over the
    stored terms (100k banking77-like rows, 2.0M of them: 0.02 s CPU)."""
    import numpy as np

    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    counts = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), counts)
    return np.bincount(rows, weights=frequency[matrix.indices] > 1, minlength=matrix.shape[0]) > 0


def step_costs(shape: tuple[int, int], nnz: int, n_components: int) -> list[float]:
    """Estimated flops of :func:`truncated_svd`'s steps on a matrix of ``shape`` with ``nnz`` values:
    LU m·k², QR (with its Q) 4·m·k², the small SVD ~8·m·k², a sparse product 2·nnz·k."""
    k = n_components + OVERSAMPLES
    rows, cols = max(shape), min(shape)  # the range finder's matrix is transposed to be the tall one
    product = 2.0 * nnz * k
    half_steps = [product + rows * k * k, product + cols * k * k] * POWER_ITERATIONS
    return [*half_steps, product + 4.0 * rows * k * k, product + 8.0 * cols * k * k, 2.0 * rows * k * k,
            product + rows * k]


def truncated_svd(matrix: Any, n_components: int, step: Callable[[float], None] | None = None,
                  run: Callable[[Callable[[], Any]], Any] | None = None) -> np.ndarray:
    """``TruncatedSVD(n_components, random_state=0).fit_transform(matrix)`` for a float64 CSR
    ``matrix``: scikit-learn 1.9's randomized_svd (the same random draws, LU normaliser, QR, gesdd
    SVD, sign flip and projection), calling ``step(part)`` after each step with the estimated part
    done (it may raise), and ``run(f)`` (default ``f()``) for each step's computation."""
    import numpy as np
    from scipy import linalg

    from engine.lapack_nogil import permuted_l_releasing_gil

    costs = step_costs(matrix.shape, matrix.nnz, n_components)
    total = sum(costs)
    spent = 0.0

    def done(func: Callable[[], Any]) -> Any:
        nonlocal spent
        value = func() if run is None else run(func)
        spent += costs.pop(0)
        if step is not None:
            step(spent / total)
        return value

    random_state = np.random.RandomState(SEED)
    n_random = n_components + OVERSAMPLES
    transpose = matrix.shape[0] < matrix.shape[1]  # randomized_svd's transpose="auto"
    a = matrix.T if transpose else matrix
    q = random_state.normal(size=(a.shape[1], n_random))
    # Each product is a temporary that LAPACK may overwrite (LU in place; the QR's input made Fortran-ordered once,
    # as f2py would copy it): the same calls on the same values, with fewer (n, k) blocks alive at once
    # The LUs are linalg.lu(product, permute_l=True, overwrite_a=True, check_finite=False)[0], the GIL let go
    for _ in range(POWER_ITERATIONS):  # _randomized_range_finder; power_iteration_normalizer "auto": LU
        q = done(lambda q=q: permuted_l_releasing_gil(a @ q))
        q = done(lambda q=q: permuted_l_releasing_gil(a.T @ q))
    q = done(lambda q=q: linalg.qr(np.asfortranarray(a @ q), mode="economic", overwrite_a=True,
                                   check_finite=False)[0])
    u_hat, s, vt = done(lambda q=q: svd_releasing_gil(q.T @ a))
    if transpose:  # randomized_svd(flip_sign=False) transposes back: the components are U's (q @ u_hat) columns
        vt = done(lambda q=q, u_hat=u_hat: (q @ u_hat)[:, :n_components].T)
    else:  # U is not needed: TruncatedSVD projects the texts on VT
        vt = done(lambda: vt[:n_components, :])
    del q, u_hat

    def project() -> np.ndarray:  # TruncatedSVD: svd_flip(U, VT, u_based_decision=False), then X @ VT.T
        largest = np.argmax(np.abs(vt), axis=1)
        signs = np.sign(vt[np.arange(vt.shape[0]), largest])  # svd_flip's np.take of the flat array, without its copy
        vt[...] *= signs[:, np.newaxis]
        return matrix @ vt.T

    return done(project)


def svd_releasing_gil(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``scipy.linalg.svd(matrix, full_matrices=False, lapack_driver="gesdd")``, bit for bit (the same LAPACK
    dgesdd, arguments and workspace), with Python's GIL released: scipy's f2py wrapper holds it for the whole call
    (banking77 train's view, 10k texts on 2 busy cores: the app's clock and keys stood still ~20 s), and
    ``numpy.linalg.svd``, which releases it, differs in the last bits (its own OpenBLAS). The routine is scipy's
    own (scipy.linalg.cython_lapack), called through ctypes, which lets the GIL go around a foreign call."""
    import ctypes

    import numpy as np
    from scipy.linalg import LinAlgError, get_lapack_funcs, lapack

    from engine.lapack_nogil import NoRoutine, lapack_routine

    a = np.array(matrix, dtype=np.float64, order="F")  # f2py's copy: dgesdd overwrites its input
    m, n = a.shape
    k = min(m, n)
    _, gesdd_lwork = get_lapack_funcs(("gesdd", "gesdd_lwork"), (a,), ilp64="preferred")  # as scipy.linalg.svd
    lwork = lapack._compute_lwork(gesdd_lwork, m, n, compute_uv=True, full_matrices=False)
    try:
        dgesdd = lapack_routine("dgesdd", 14)  # CFUNCTYPE: the GIL is let go meanwhile
    except NoRoutine:  # a scipy or Python without them: the same values,
        from scipy.linalg import svd  # the GIL held (the app's clock stands still during the call, as before 2ed792b)

        return svd(matrix, full_matrices=False, lapack_driver="gesdd")
    s = np.empty(k)
    u = np.empty((m, k), order="F")
    vt = np.empty((k, n), order="F")
    work = np.empty(max(lwork, 1))
    iwork = np.empty(8 * k, dtype=np.intc)
    info = ctypes.c_int(0)
    m_, n_, lda, ldu, ldvt, lwork_ = (ctypes.byref(ctypes.c_int(v)) for v in (m, n, m, m, k, lwork))
    dgesdd(b"S", m_, n_, a.ctypes.data, lda, s.ctypes.data, u.ctypes.data, ldu, vt.ctypes.data, ldvt,
           work.ctypes.data, lwork_, iwork.ctypes.data, ctypes.byref(info))  # jobz "S": U (m, k), VT (k, n)
    if info.value != 0:
        raise LinAlgError(f"SVD did not converge (dgesdd info {info.value})")
    return u, s, vt
