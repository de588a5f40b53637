"""Out-of-fold per-label probabilities for multi-label data (one-vs-rest, cross-validated).

Each row gets, for every label k, P(k applies | text) from models that never saw the row: the folds
are iteratively stratified over every label (``engine.multilabel_folds``; their number from
``engine.predict.choose_folds`` on each set's first label), the classifier is K binary logistic
regressions solved together (one L-BFGS run over the summed binary log-losses: the same optimum as K
separate ``LogisticRegression(C)`` fits, since the labels share no parameters), and, as in the
single-label default, the result is averaged with each label's leave-one-out vote among the row's
neighbours in the shared graph.
Rows do not sum to 1: labels are independent.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from engine.errors import Cancelled, DataError
from engine.predict import PROB_FLOOR, PredictResult, choose_folds
from engine.softmax_regression import TINY_FEATURE, lbfgs
from engine.progress import StepFn



def knn_label_votes(neighbours: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Per row and label, the share of its neighbours (self excluded) that carry the label."""
    neighbours = np.asarray(neighbours)
    return targets[neighbours].astype(np.float32).mean(axis=1)


def ovr_logistic_probs(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, C: float,
                       max_iter: int = 300, start: np.ndarray | None = None,
                       solution_out: list | None = None, cancel: threading.Event | None = None) -> np.ndarray:
    """K binary logistic regressions (sklearn's objective per label: mean log-loss +
    ||w||^2 / (2 C n), intercept unpenalised), fitted jointly; returns (n_test, K) probabilities.
    A label with no positive (or no negative) training row gets its training rate.

    ``start`` ((dim + 1, K): weights then intercept per label, original coordinates) seeds the
    solver and ``solution_out`` receives the solution in that layout. Cross-validation starts
    every fold cold, as ``engine.predict`` does: the previous fold's solution was fitted on this
    fold's test rows, and the solver's tolerance stops before forgetting their labels.
    ``cancel``: checked at every solver iteration (``lbfgs``), as the single-label regression does."""
    x_train = np.asarray(x_train, dtype=np.float32)
    mean = x_train.mean(axis=0, dtype=np.float64).astype(np.float32)
    x = np.ascontiguousarray(x_train - mean)
    x[np.abs(x) < TINY_FEATURE] = 0.0  # MiniLM's dead dimensions: their products would be subnormal
    y = np.asarray(y_train, dtype=np.float32)
    n, dim = x.shape
    rate = y.mean(axis=0)
    fit = (rate > 0) & (rate < 1)
    out = np.tile(rate.astype(np.float64), (len(x_test), 1))
    if not fit.any():
        return out
    y = np.ascontiguousarray(y[:, fit])
    kf = int(fit.sum())

    def loss_and_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights = theta[: dim * kf].reshape(dim, kf).astype(np.float32)
        bias = theta[dim * kf:].astype(np.float32)
        logits = x @ weights
        logits += bias
        # binary log-loss, stable: log(1 + e^z) - y z
        loss = float((np.logaddexp(0.0, logits) - y * logits).sum(dtype=np.float64)) / n
        loss += float(np.dot(theta[: dim * kf], theta[: dim * kf])) / (2 * C * n)
        residual = 1.0 / (1.0 + np.exp(-logits))
        residual -= y
        residual /= n
        grad = np.empty(dim * kf + kf, dtype=np.float64)
        grad_w = x.T @ residual
        grad_w += weights / (C * n)
        grad[: dim * kf] = grad_w.ravel()
        grad[dim * kf:] = residual.sum(axis=0)
        return loss, grad

    from threadpoolctl import threadpool_limits

    # One BLAS thread: L-BFGS's many dot products over the (dim*K)-long parameter vector are far
    # too small to share, and OpenBLAS's thread hand-offs cost more than the work on a busy machine
    # (a 2,400-row fold, 83 labels, load 4.5 on 2 cores: 35.8 s with its 2 threads, 1.6 s with one).
    theta0 = np.zeros(dim * kf + kf)
    if start is not None:  # original coordinates -> centred: b' = b + mean @ w
        seed_w = np.asarray(start[:dim][:, fit], dtype=np.float64)
        theta0[: dim * kf] = seed_w.ravel()
        theta0[dim * kf:] = start[dim][fit] + mean.astype(np.float64) @ seed_w
    with threadpool_limits(limits=1, user_api="blas"):
        theta = lbfgs(loss_and_grad, theta0, gtol=1e-5, max_iter=max_iter, cancel=cancel)
    weights = theta[: dim * kf].reshape(dim, kf)
    bias = theta[dim * kf:] - mean.astype(np.float64) @ weights
    if solution_out is not None:
        full = np.zeros((dim + 1, len(fit)), dtype=np.float64)
        full[:dim, fit] = weights
        full[dim, fit] = bias
        solution_out[:] = [full]
    logits = (np.asarray(x_test, dtype=np.float32) @ weights.astype(np.float32)).astype(np.float64) + bias
    out[:, fit] = 1.0 / (1.0 + np.exp(-logits))
    return out


def cross_val_label_probs(
    features: np.ndarray,
    sets: Sequence[tuple[int, ...]],
    n_classes: int,
    *,
    folds: int = 5,
    C: float = 10.0,
    seed: int = 0,
    neighbours: np.ndarray | None = None,
    blend: bool = True,
    progress: StepFn | None = None,
    cancel: threading.Event | None = None,
) -> PredictResult:
    """Out-of-fold (n, K) per-label probabilities; ``blend`` averages in the neighbours' votes."""
    from engine.multilabel import indicator, primary_labels
    from engine.multilabel_folds import iterative_splits

    features = np.asarray(features)
    if len(features) != len(sets):
        raise DataError(f"features have {len(features)} rows but there are {len(sets)} label sets")
    targets = indicator(sets, n_classes)
    strata = primary_labels(sets)
    strata[np.fromiter((len(s) == 0 for s in sets), dtype=bool, count=len(sets))] = n_classes  # empty sets: own stratum
    used, notes = choose_folds(strata, folds)
    # every label stratified, not only the first: a label that only comes second (a rare topic on
    # rows of a common intent) could otherwise fall wholly in one test fold, unseen by its models
    splits = iterative_splits(targets, used, seed, cancel)  # 3.5 s at 1M rows: it looks at cancel too
    probs = np.zeros((len(sets), n_classes), dtype=np.float64)
    for fold, (train, test) in enumerate(splits):  # each cold: no start holding this fold's test labels
        if cancel is not None and cancel.is_set():
            raise Cancelled("cross-validation cancelled")
        probs[test] = ovr_logistic_probs(features[train], targets[train], features[test], C, cancel=cancel)
        if progress is not None:
            progress(fold + 1, used)
    if blend:
        if neighbours is None:
            from engine.neighbours import build_graph

            neighbours = build_graph(features, k=10).indices
        probs = 0.5 * probs + 0.5 * knn_label_votes(neighbours, targets)
    probs = np.clip(probs, PROB_FLOOR, 1.0 - PROB_FLOOR)
    # choose_folds' notes speak of classes; here the strata are each set's first label (rare ones
    # are expected and harmless), so only a change in the number of folds is worth saying
    notes = [n for n in notes if n.startswith("every class has fewer")]
    return PredictResult(pred_probs=probs.astype(np.float32), folds_used=used, notes=notes)
