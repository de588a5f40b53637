"""Multinomial logistic regression as cross-validation fits it: sklearn's objective, solved by a
small L-BFGS over float32 BLAS products (engine/predict.py calls it once per fold)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import threading
    from concurrent.futures import Executor

#: Feature values below this are zeroed before the regression: all-MiniLM-L6-v2 has two dead
#: dimensions (every value ~1e-33), whose products with the probabilities are subnormal floats,
#: which x86 CPUs compute in microcode; the solver's products ran ~1.5x slower (banking77 fold:
#: 2.8 s CPU instead of 1.9 s). Values this small change no logit of a unit vector: the
#: probabilities came out bit for bit the same.
TINY_FEATURE = 1e-20
#: From this many training rows, each loss+gradient is computed in fixed halves, side by side
#: when given a pool (``_run_folds``: one thread per core): the logits and softmax by halves of
#: the rows, the gradient by halves of the dimensions. A fold that runs alone (the first, cold;
#: the last of five on two cores) so keeps both cores busy. The halves do not depend on the core
#: count, so neither does the result. With this machine's OpenBLAS kernels (AVX-512) every number
#: equals that of one product over everything (banking77, ag_news: probabilities bit for bit);
#: AVX2 kernels (OPENBLAS_CORETYPE=Haswell) round the halves differently: probabilities within
#: 0.02 of one product's, label flags the same on both datasets (bench/README.md, review loop).
SPLIT_ROWS = 2048
#: The parts ``_halves`` cuts: the most threads one fit's loss and gradient use (a Ray fold task
#: asks for no more CPUs than this, engine/distributed/folds.fold_cpus).
HALVES = 2


def _halves(n: int) -> list[slice]:
    """``[0, n)`` in ``HALVES`` near-equal parts (one part when ``n`` < 2)."""
    if n < 2:
        return [slice(0, n)]
    bounds = [n * part // HALVES for part in range(HALVES + 1)]
    return [slice(start, stop) for start, stop in zip(bounds, bounds[1:])]


def softmax_regression_probs(
    x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, n_classes: int, C: float,
    max_iter: int = 300, sample_weight: np.ndarray | None = None, start: np.ndarray | None = None,
    solution_out: list | None = None, pool: Executor | None = None, cancel: threading.Event | None = None,
) -> np.ndarray:
    """Multinomial logistic regression, the objective of sklearn's ``LogisticRegression(C=C)``
    (mean log-loss + ||W||^2 / (2 C n), intercept unpenalised), solved by ``lbfgs`` below with
    float32 BLAS products: same optimum as sklearn within tolerance, several times faster. Classes absent from the fold get probability 0. With
    ``sample_weight``, the log-loss is the weighted mean (weights scaled to mean 1).

    The features are centred on the training mean before solving: with an unpenalised
    intercept that is the same model (``b`` absorbs ``-mean @ W``), only better conditioned
    (~10% fewer iterations). ``start`` ((n_classes, dim + 1): weights then intercept per class,
    in the original coordinates) seeds the solver; ``solution_out`` receives the solution in
    that layout, so a re-audit can start each fold from that fold's own earlier solution (never
    from another fold's: it was fitted on this fold's test rows). ``pool`` (an
    executor) computes the halves of each loss and gradient side by side (``SPLIT_ROWS``), with
    the same result as without it. ``cancel``: checked at every solver iteration (``lbfgs``)."""
    present, y_index = np.unique(y_train, return_inverse=True)
    x_train = np.asarray(x_train, dtype=np.float32)
    mean = x_train.mean(axis=0, dtype=np.float64).astype(np.float32)
    x_train = np.ascontiguousarray(x_train - mean)
    x_train[np.abs(x_train) < TINY_FEATURE] = 0.0  # products with these would be subnormal floats
    n, dim = x_train.shape
    classes = len(present)
    out = np.zeros((len(x_test), n_classes), dtype=np.float64)
    if classes == 1:
        out[:, present[0]] = 1.0
        return out
    scale = np.ones(n, dtype=np.float32) if sample_weight is None else np.asarray(sample_weight, dtype=np.float32)
    scale = scale * (n / scale.sum())  # mean 1: with no weights, exactly the unweighted objective
    row_scale = (scale / n)[:, None]
    # fixed halves of the rows (logits, softmax, residual) and of the dimensions (gradient)
    split = n >= SPLIT_ROWS
    row_parts, dim_parts = (_halves(n), _halves(dim)) if split else ([slice(0, n)], [slice(0, dim)])
    residual = np.empty((n, classes), dtype=np.float32)
    terms = np.empty(n, dtype=np.float32)  # each row's weighted log-loss
    grad_w = np.empty((dim, classes), dtype=np.float32)

    def rows_part(part: slice, weights: np.ndarray, bias: np.ndarray) -> None:
        logits = residual[part]
        np.matmul(x_train[part], weights, out=logits)
        logits += bias
        index = np.arange(logits.shape[0]), y_index[part]
        given = logits[index]
        top = logits.max(axis=1, keepdims=True)
        logits -= top
        exp = np.exp(logits, out=logits)
        total = exp.sum(axis=1, keepdims=True)
        terms[part] = (np.log(total[:, 0]) + top[:, 0] - given) * scale[part]
        exp *= row_scale[part] / total
        exp[index] -= scale[part] / n

    def dims_part(part: slice) -> None:
        np.matmul(x_train[:, part].T, residual, out=grad_w[part])

    def run(task, parts: list[slice], *args) -> None:
        if pool is None or len(parts) == 1:
            for part in parts:
                task(part, *args)
        else:
            for future in [pool.submit(task, part, *args) for part in parts]:
                future.result()

    def loss_and_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights = theta[: dim * classes].reshape(dim, classes).astype(np.float32)
        bias = theta[dim * classes :].astype(np.float32)
        run(rows_part, row_parts, weights, bias)
        loss = terms.sum(dtype=np.float64) / n
        loss += float(np.dot(theta[: dim * classes], theta[: dim * classes])) / (2 * C * n)
        run(dims_part, dim_parts)
        grad = np.empty(dim * classes + classes, dtype=np.float64)
        grad[: dim * classes] = (grad_w + weights / (C * n)).ravel()
        grad[dim * classes :] = residual.sum(axis=0)
        return loss, grad

    theta0 = np.zeros(dim * classes + classes)
    if start is not None:  # original coordinates -> centred: b' = b + mean @ W
        seed_w = start[present, :dim].T.astype(np.float64)
        theta0[: dim * classes] = seed_w.ravel()
        theta0[dim * classes :] = start[present, dim] + mean.astype(np.float64) @ seed_w
    theta = lbfgs(loss_and_grad, theta0, gtol=1e-5, max_iter=max_iter, cancel=cancel)
    weights = theta[: dim * classes].reshape(dim, classes)
    bias = theta[dim * classes :] - mean.astype(np.float64) @ weights
    if solution_out is not None:
        full = np.zeros((n_classes, dim + 1))
        full[present, :dim] = weights.T
        full[present, dim] = bias
        solution_out[:] = [full]
    logits = (np.asarray(x_test, dtype=np.float32) @ weights.astype(np.float32)).astype(np.float64) + bias
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    out[:, present] = probs / probs.sum(axis=1, keepdims=True)
    return out


def lbfgs(
    loss_and_grad: Callable[[np.ndarray], tuple[float, np.ndarray]], start: np.ndarray, *,
    gtol: float = 1e-5, ftol: float = 2.2e-9, max_iter: int = 300, memory: int = 10,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """Minimise a smooth unconstrained function by L-BFGS (two-loop recursion, Armijo
    backtracking), stopping like scipy's L-BFGS-B: max |gradient| <= ``gtol`` or a relative
    loss decrease <= ``ftol``. Written out because scipy's L-BFGS-B adds a per-iteration
    overhead of its own as large as the float32 loss and gradient at this size (bench/README.md).
    ``cancel`` set: Cancelled at the next iteration (one fold of 220,000 rows ran ~3 min, and a
    cancel waited for it to end)."""
    x = np.array(start, dtype=np.float64)
    loss, grad = loss_and_grad(x)
    steps: list[np.ndarray] = []
    changes: list[np.ndarray] = []
    for _ in range(max_iter):
        if cancel is not None and cancel.is_set():
            from engine.errors import Cancelled

            raise Cancelled("cross-validation cancelled")
        if np.abs(grad).max() <= gtol:
            break
        direction = -grad
        alphas = []
        for step, change in zip(reversed(steps), reversed(changes)):
            alpha = float(step @ direction) / float(step @ change)
            direction = direction - alpha * change
            alphas.append(alpha)
        if steps:
            direction *= float(steps[-1] @ changes[-1]) / float(changes[-1] @ changes[-1])
        else:
            direction /= max(1.0, float(np.linalg.norm(grad)))
        for step, change, alpha in zip(steps, changes, reversed(alphas)):
            beta = float(change @ direction) / float(step @ change)
            direction = direction + (alpha - beta) * step
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            steps.clear(), changes.clear()
            direction, slope = -grad, -float(grad @ grad)
        size = 1.0
        while True:
            candidate = x + size * direction
            new_loss, new_grad = loss_and_grad(candidate)
            if new_loss <= loss + 1e-4 * size * slope or size < 1e-10:
                break
            size *= 0.5
        step, change = candidate - x, new_grad - grad
        if float(step @ change) > 1e-10:
            steps.append(step), changes.append(change)
            if len(steps) > memory:
                steps.pop(0), changes.pop(0)
        decrease = (loss - new_loss) / max(abs(loss), abs(new_loss), 1.0)
        x, loss, grad = candidate, new_loss, new_grad
        if decrease <= ftol:
            break
    return x
