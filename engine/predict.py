"""Out-of-sample predicted probabilities by stratified K-fold cross-validation.

Same semantics as ``cross_val_predict(..., method="predict_proba")``: every row's
probabilities come from a model that never saw that row. Folds run side by side, one BLAS
thread each; progress is reported per fold and cancellation is honoured between folds;
classes missing from a training fold get a floor probability instead of crashing the fit.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from engine.errors import Cancelled, DataError, UsageError
from engine.progress import StepFn
from engine.softmax_regression import softmax_regression_probs
from engine.wording import counted_verb

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from numpy.typing import ArrayLike
    from sklearn.base import BaseEstimator

CLASSIFIERS = ("logreg-knn", "centroid-knn", "logreg", "knn")
#: The audit's classifier: regression + leave-one-out kNN votes over the shared neighbour graph,
#: the best label detection on bench/quality.py; C=10 (weak regularisation) suits unit-norm
#: sentence vectors, where C=1 under-fits. AuditOptions and cross_val_pred_probs default to these.
DEFAULT_CLASSIFIER = "logreg-knn"
DEFAULT_C = 10.0
BLENDS_WITH_GRAPH = ("logreg-knn", "centroid-knn")
CENTROID_TEMPERATURE = 0.05
PROB_FLOOR = 1e-6
#: The ``-knn`` classifiers pool the model's probabilities with the kNN votes log-linearly,
#: ``p ~ model^(1-w) * votes^w``, ``w`` the weight in ``VOTE_WEIGHTS`` with the lowest out-of-fold
#: log-loss of the given labels (``vote_weight``), fitted on at most ``VOTE_FIT_ROWS`` rows. The
#: votes get ``VOTE_SMOOTHING`` votes added to every class, so a class no neighbour votes for keeps
#: a little probability. Why not a fixed average: bench/README.md (quality).
VOTE_WEIGHTS = np.linspace(0.0, 1.0, 21)
VOTE_SMOOTHING = 0.5
VOTE_FIT_ROWS = 50_000
@dataclass
class PredictResult:
    """Cross-validated probabilities and what was adjusted to get them."""

    pred_probs: np.ndarray
    folds_used: int
    notes: list[str] = field(default_factory=list)
    folds: FoldState | None = None  # logreg-knn: each row's fold and each fold's solution


@dataclass
class FoldState:
    """What a re-audit needs to refit the same folds from where they ended: ``fold_of`` (int8,
    each row's test fold) and ``solutions`` ((folds, n_classes, dim + 1) float32: each fold's
    regression weights then intercept per class, ``softmax_regression_probs``'s layout)."""

    fold_of: np.ndarray
    solutions: np.ndarray


def make_classifier(name: str, C: float, seed: int) -> BaseEstimator:
    """A fresh scikit-learn classifier for ``logreg`` or ``knn`` (the ``-knn`` blends and the
    centroid classifier have their own code below)."""
    if name == "logreg":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, max_iter=1000, random_state=seed)
    if name == "knn":
        from sklearn.neighbors import KNeighborsClassifier

        return KNeighborsClassifier(n_neighbors=10, weights="distance", metric="cosine")
    raise UsageError(f"unknown classifier {name!r}; use one of {', '.join(CLASSIFIERS)}")


def choose_folds(labels: np.ndarray, folds: int) -> tuple[int, list[str]]:
    """Fold count that StratifiedKFold accepts, with notes about rare classes."""
    if folds < 2:
        raise UsageError(f"--folds must be at least 2 (got {folds})")
    n_rows = len(labels)
    if n_rows < 2:
        raise DataError("cross-validation needs at least two rows")
    counts = np.bincount(labels)
    counts = counts[counts > 0]
    notes: list[str] = []
    used = min(folds, n_rows)
    if counts.max() < used:
        used = max(2, int(counts.max()))
        notes.append(f"every class has fewer than {folds} rows: used {used} folds")
    # a class of n < used rows puts each row in its own test fold, whose model saw the class's other n - 1 rows:
    # 'predicted by folds that never saw it' was so of a one-row class only (review35); a class of 39 rows under
    # --folds 40 is no rare one (its rows' models saw 38): noted up to 10 rows
    limit = min(used, 10)
    few = counts[(counts > 1) & (counts < limit)]
    if len(few):
        one = len(few) == 1
        seen = f"{few.min() - 1}" + (f" to {few.max() - 1}" if few.min() != few.max() else "")
        notes.append(
            f"{counted_verb(len(few), 'class', 'have', plural='classes')} fewer than {limit} rows: each of "
            f"{'its' if one else 'their'} rows is predicted by a model that saw only the class's other {seen} "
            f"{'row' if few.max() == 2 else 'rows'}, so the model's probability of {'its' if one else 'their'} label "
            f"is weak evidence"
        )
    # no promise of label issues: the label check weighs such classes apart and may flag none (fix38: an 80-row
    # file with 4 one-row classes of 8 read 'expect them among the label issues' and got 0 label issues)
    if single := int((counts == 1).sum()):
        notes.append(
            f"{counted_verb(single, 'class', 'have', plural='classes')} a single row: predicted by a model that "
            f"never saw {'that class' if single == 1 else 'those classes'}, so the model's probability of "
            f"{'its label tells nothing: check it' if single == 1 else 'their labels tells nothing: check them'} by eye"
        )
    return used, notes


def checked_inputs(features: ArrayLike, labels: ArrayLike, classifier: str) -> tuple[np.ndarray, np.ndarray]:
    """``features`` and int64 ``labels`` as arrays, after the checks every cross-validation makes."""
    features = np.asarray(features)
    labels = np.asarray(labels, dtype=np.int64)
    if len(features) != len(labels):
        raise DataError(f"features have {len(features)} rows but there are {len(labels)} labels")
    if classifier not in CLASSIFIERS:
        raise UsageError(f"unknown classifier {classifier!r}; use one of {', '.join(CLASSIFIERS)}")
    return features, labels


def cross_val_pred_probs(
    features: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    *,
    folds: int = 5,
    classifier: str = DEFAULT_CLASSIFIER,
    C: float = DEFAULT_C,
    seed: int = 0,
    neighbours: np.ndarray | None = None,
    progress: StepFn | None = None,
    cancel: threading.Event | None = None,
    warm: FoldState | None = None,
) -> PredictResult:
    """Out-of-fold ``pred_probs`` of shape (n_rows, n_classes), rows summing to 1.

    ``warm`` (a re-audit of corrected labels): the folds of an earlier audit of the same rows,
    each fold's regression started from its earlier solution (``logreg-knn``; the same optimum
    within the solver's tolerance, found in fewer iterations: fold k's own, fitted on fold k's
    training rows only). Without it the folds are stratified on ``labels`` and every fold starts
    cold: a start from another fold's solution holds this fold's test labels, and the solver's
    tolerance stops before forgetting them (shuffled 1,980:20 labels ranked the rare rows at
    AUC 0.78-0.82 by their out-of-fold p(rare); cold, chance).

    ``logreg-knn`` (the default) pools two out-of-sample estimates: LogisticRegression
    probabilities fitted per fold, and leave-one-out kNN label votes over ``neighbours`` (the
    (n, k) indices of the shared neighbour graph, self excluded; built here when not given),
    log-linearly, the votes' weight fitted on the out-of-fold log-loss (``vote_weight``).
    Its regression weights each training row by how well its label agrees with its
    neighbours in the same training fold (``fold_agreement_weights``), so rows flipped to a
    similar class pull the model less; held-out labels never enter a fold's fit.
    ``centroid-knn`` swaps the regression for cosine nearest-class-centroid probabilities
    (closed form, far cheaper, a little weaker). Figures: bench/README.md.
    """
    features, labels = checked_inputs(features, labels, classifier)
    warm = warm if warm is not None and classifier == "logreg-knn" and warm_fits(warm, features, n_classes) else None
    if warm is not None:
        used, notes = len(warm.solutions), []
        splits = [(np.flatnonzero(warm.fold_of != fold), np.flatnonzero(warm.fold_of == fold)) for fold in range(used)]
    else:
        used, notes, splits = fold_splits(labels, folds, seed)
    pred_probs = np.zeros((len(labels), n_classes), dtype=np.float64)
    if classifier in BLENDS_WITH_GRAPH and neighbours is None:
        from engine.neighbours import build_graph

        neighbours = build_graph(features, k=10).indices
    solutions = _run_folds(features, labels, splits, n_classes, classifier=classifier, C=C, seed=seed,
                           neighbours=neighbours, warm=warm, pred_probs=pred_probs, progress=progress, cancel=cancel)
    state = None
    if classifier == "logreg-knn" and all(s is not None for s in solutions):
        fold_of = np.zeros(len(labels), dtype=np.int8)
        for fold, (_, test) in enumerate(splits):
            fold_of[test] = fold
        state = FoldState(fold_of, np.stack(solutions).astype(np.float32))
    return PredictResult(pred_probs=finish_probs(pred_probs, neighbours, labels, n_classes, classifier),
                         folds_used=used, notes=notes, folds=state)


def _run_folds(
    features: np.ndarray, labels: np.ndarray, splits: list[tuple[np.ndarray, np.ndarray]], n_classes: int, *,
    classifier: str, C: float, seed: int, neighbours: np.ndarray | None, warm: FoldState | None,
    pred_probs: np.ndarray, progress: StepFn | None, cancel: threading.Event | None,
) -> list:
    """Fit every fold, writing its rows of ``pred_probs``; each fold's regression solution.

    Folds run side by side on the machine's cores, each with one BLAS thread: the regression's
    products are too small to share between threads, and OpenBLAS's threads wait for each other
    by spinning, so on a busy machine two of them per fold ran ~5x slower than one (banking77,
    load 8: 110 s wall / 45 s CPU vs 20 s / 12 s; bench/README.md). Every fold starts cold, or
    from its own solution in ``warm`` (never another fold's: that one was fitted on this fold's
    test rows, and their labels would leak into its out-of-fold probabilities); the result does
    not depend on how many folds run at once. Each fold's regression also hands the halves of its
    loss and gradient to one pool of a thread per core (``SPLIT_ROWS``), so the cores stay busy
    while fewer folds than cores are left (the last of five on two cores). Those threads sleep
    when they wait.
    """
    import os
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    from threadpoolctl import threadpool_limits

    solutions: list = [None] * len(splits)
    done = 0
    lock = threading.Lock()

    def fit(fold: int, start: list) -> None:
        nonlocal done
        if cancel is not None and cancel.is_set():
            raise Cancelled("cross-validation cancelled")
        train, test = splits[fold]
        previous = list(start)
        pred_probs[test] = fold_probs(features, labels, train, test, n_classes, classifier=classifier, C=C,
                                      seed=seed, neighbours=neighbours, previous=previous, pool=halves,
                                      cancel=cancel)
        solutions[fold] = previous[0] if previous else None
        with lock:
            done += 1
            if progress is not None:
                progress(done, len(splits))

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if progress is not None:  # the folds to come (220,000 rows: a fold took 2m50s): said before the first ends
        progress(0, len(splits))
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=cores) as halves:
        starts = {fold: [warm.solutions[fold]] if warm is not None else [] for fold in range(len(splits))}
        with ThreadPoolExecutor(max_workers=max(1, min(cores, len(starts)))) as pool:
            futures = [pool.submit(fit, fold, start) for fold, start in starts.items()]
            wait(futures, return_when=FIRST_EXCEPTION)
            for future in futures:
                if future.done() and future.exception() is not None:
                    for other in futures:
                        other.cancel()
                    raise future.exception()  # type: ignore[misc]
    return solutions


def warm_fits(warm: FoldState, features: np.ndarray, n_classes: int) -> bool:
    """Whether ``warm`` describes these rows: one fold per row, every fold non-empty, and one
    solution per fold of this many classes and dimensions."""
    fold_of, solutions = np.asarray(warm.fold_of), np.asarray(warm.solutions)
    return (fold_of.shape == (len(features),) and solutions.ndim == 3 and len(solutions) >= 2
            and solutions.shape[1:] == (n_classes, features.shape[1] + 1)
            and bool(np.array_equal(np.unique(fold_of), np.arange(len(solutions)))))


def fold_splits(labels: np.ndarray, folds: int, seed: int) -> tuple[int, list[str], list[tuple[np.ndarray, np.ndarray]]]:
    """The folds used, notes about rare classes, and the (train, test) rows of each fold."""
    from sklearn.model_selection import StratifiedKFold

    used, notes = choose_folds(labels, folds)
    splitter = StratifiedKFold(n_splits=used, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn's "least populated class" warning: noted above
        splits = list(splitter.split(np.zeros(len(labels)), labels))
    return used, notes, splits


def fold_probs(
    features: np.ndarray, labels: np.ndarray, train: np.ndarray, test: np.ndarray, n_classes: int, *,
    classifier: str, C: float, seed: int, neighbours: np.ndarray | None, previous: list | None = None,
    pool: Executor | None = None, cancel: threading.Event | None = None,
) -> np.ndarray:
    """One fold's (len(test), n_classes) probabilities from a model fitted on ``train`` only.
    ``previous`` (a list) carries this fold's own earlier solution (a re-audit's ``warm``) to
    start from, or nothing (cold), and receives this fold's; never another fold's (it saw this
    fold's test labels). ``pool``: threads
    for the regression's halves (``SPLIT_ROWS``), same result without. ``cancel``: checked at
    every iteration of the regression's solver."""
    if classifier == "logreg-knn":
        weights = fold_agreement_weights(neighbours, labels, train)
        return softmax_regression_probs(
            features[train], labels[train], features[test], n_classes, C, sample_weight=weights,
            start=previous[0] if previous else None, solution_out=previous, pool=pool, cancel=cancel,
        )
    return _fit_predict(features[train], labels[train], features[test], n_classes, classifier, C, seed)


def finish_probs(
    pred_probs: np.ndarray, neighbours: np.ndarray | None, labels: np.ndarray, n_classes: int, classifier: str,
) -> np.ndarray:
    """Out-of-fold probabilities pooled with the kNN votes (for the ``-knn`` classifiers, weight
    fitted by ``vote_weight``), floored and renormalised, as float32."""
    if classifier in BLENDS_WITH_GRAPH:
        votes = knn_vote_probs(neighbours, labels, n_classes)
        k = np.asarray(neighbours).shape[1]
        pred_probs = pooled_probs(pred_probs, votes, k, vote_weight(pred_probs, votes, labels, k))
    pred_probs = np.maximum(pred_probs, PROB_FLOOR)
    pred_probs /= pred_probs.sum(axis=1, keepdims=True)
    return pred_probs.astype(np.float32)


def pooled_probs(model_probs: np.ndarray, votes: np.ndarray, k: int, weight: float) -> np.ndarray:
    """``model^(1-weight) * smoothed votes^weight``, renormalised: a logarithmic opinion pool.

    An average (the old fixed 0.5/0.5 blend) puts a floor of half the vote share under every
    class, so where the regression is sure a label is wrong and a few neighbours carry that label
    (classes interleaved in the embedding, split halves), the flip ranks among honest confusions;
    the product keeps the regression's near-zero (bench/README.md, quality)."""
    probs, total = _pooled_exp(*_pool_logs(model_probs, votes, k), weight)
    return probs / total


def _pool_logs(model_probs: np.ndarray, votes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The two log terms ``pooled_probs`` weighs: the floored model's and the smoothed votes'."""
    n_classes = model_probs.shape[1]
    smoothed = (np.asarray(votes, dtype=np.float64) * k + VOTE_SMOOTHING) / (k + VOTE_SMOOTHING * n_classes)
    return np.log(np.maximum(model_probs, PROB_FLOOR)), np.log(smoothed)


def _pooled_exp(log_model: np.ndarray, log_votes: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """Unnormalised pooled probabilities and their row sums (``pooled_probs`` = first / second)."""
    logits = (1.0 - weight) * log_model + weight * log_votes
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    return probs, probs.sum(axis=1, keepdims=True)


def vote_weight(model_probs: np.ndarray, votes: np.ndarray, labels: np.ndarray, k: int) -> float:
    """The kNN votes' weight in ``pooled_probs`` with the lowest log-loss of the given labels.

    Both inputs are out-of-sample (fold models, leave-one-out votes), so this is stacking with one
    parameter: 0 where the votes add nothing to the regression (77 intents with MiniLM or TF-IDF
    vectors: 0-0.25), higher where they are the better classifier (4 news topics: 0.5-0.7). Fitted
    on a seeded sample of ``VOTE_FIT_ROWS`` rows at most."""
    labels = np.asarray(labels)
    rows = np.arange(len(labels))
    if len(rows) > VOTE_FIT_ROWS:
        rows = np.sort(np.random.default_rng(0).choice(len(rows), VOTE_FIT_ROWS, replace=False))
    model_probs, votes, given = model_probs[rows], np.asarray(votes)[rows], labels[rows]
    return best_pool_weight(*_pool_logs(model_probs, votes, k), given)  # logs once: pooled_probs' numbers


def best_pool_weight(log_a: np.ndarray, log_b: np.ndarray, labels: np.ndarray) -> float:
    """The weight of ``log_b`` in ``_pooled_exp`` (``VOTE_WEIGHTS``: 0, 0.05, ..., 1) with the lowest mean
    log-loss of ``labels``; ties go to the smaller weight (argmin's first). Serves the kNN votes' weight
    (``vote_weight``) and the TF-IDF view's (engine/second_view.fit_view_weight)."""
    picked = np.arange(len(labels))
    losses = []
    for w in VOTE_WEIGHTS:
        probs, total = _pooled_exp(log_a, log_b, w)
        losses.append(-np.log(np.maximum(probs[picked, labels] / total[:, 0], 1e-300)).mean())
    return float(VOTE_WEIGHTS[int(np.argmin(losses))])


def knn_vote_probs(neighbours: np.ndarray, labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Leave-one-out label votes of each row's neighbours (self excluded), as probabilities."""
    neighbours = np.asarray(neighbours)
    n, k = neighbours.shape
    votes = np.zeros((n, n_classes), dtype=np.float64)
    rows = np.repeat(np.arange(n), k)
    np.add.at(votes, (rows, labels[neighbours.ravel()]), 1.0)
    return votes / k


def fold_agreement_weights(neighbours: np.ndarray, labels: np.ndarray, train: np.ndarray) -> np.ndarray:
    """Per training row, (a + 0.5) / (m + 1): a of its m neighbours inside ``train`` share its label.

    Only labels of the training fold are read, so the held-out rows' labels never shape the
    model that predicts them. A row flipped to a similar class sits among rows of its true
    class, so it gets a low weight. On banking77 with 10% flips to the nearest class this lifts
    the label score's average precision from ~0.90 to ~0.91-0.92 (bench/README.md).
    """
    neighbours = np.asarray(neighbours)[train]
    in_train = np.zeros(len(labels), dtype=bool)
    in_train[train] = True
    in_fold = in_train[neighbours]
    agree = ((labels[neighbours] == labels[train][:, None]) & in_fold).sum(axis=1)
    return (agree + 0.5) / (in_fold.sum(axis=1) + 1.0)


def centroid_probs(
    x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, n_classes: int,
    temperature: float = CENTROID_TEMPERATURE,
) -> np.ndarray:
    """Softmax over cosine similarity to each class's unit-norm mean; absent classes get 0."""
    sums = np.zeros((n_classes, x_train.shape[1]), dtype=np.float64)
    np.add.at(sums, y_train, x_train)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    present = norms[:, 0] > 0
    centroids = (sums[present] / norms[present]).astype(np.float32)
    logits = (x_test @ centroids.T).astype(np.float64) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    out = np.zeros((len(x_test), n_classes), dtype=np.float64)
    out[:, present] = weights / weights.sum(axis=1, keepdims=True)
    return out


def _fit_predict(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    n_classes: int,
    classifier: str,
    C: float,
    seed: int,
) -> np.ndarray:
    if classifier == "centroid-knn":
        return centroid_probs(x_train, y_train, x_test, n_classes)
    present = np.unique(y_train)
    out = np.zeros((len(x_test), n_classes), dtype=np.float64)
    if len(present) == 1:
        out[:, present[0]] = 1.0
        return out
    model = make_classifier(classifier, C, seed)
    if classifier == "knn":
        model.set_params(n_neighbors=min(10, len(y_train)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings on tiny folds
        model.fit(x_train, y_train)
        out[:, model.classes_] = model.predict_proba(x_test)
    return out
