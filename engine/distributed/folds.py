"""Out-of-fold predictions on Ray: one fold per task, with ``engine.predict``'s own functions.

The folds are the local path's (``fold_splits``: StratifiedKFold, same seed), each task fits
``fold_probs`` on its training rows only, and the driver blends and floors the result with
``finish_probs``. As locally, every fold starts cold (another fold's solution was fitted on this
fold's test rows), and a fold's regression computes the two halves of its loss and gradient on two threads
where its task holds two CPUs (``fold_cpus``). A task whose worker dies is retried.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from engine.distributed.cluster import RETRIES, cluster_cpus, fault, gather, node_cpus
from engine.progress import StepFn
from engine.softmax_regression import HALVES  # threads one fold's regression can use (its halves)

if TYPE_CHECKING:
    from engine.predict import PredictResult


def fold_cpus(largest_node_cpus: int, cluster_cpus: int, side_by_side: int) -> int:
    """CPUs per fold task: two (one per half) where a node has them and the cluster has two for
    each of the ``side_by_side`` folds, else one. With one CPU a task, a fold ran on one thread while
    the local path gave it two (one H200 box, 16 cores, 100k rows, when the first fold ran alone: predict
    37.2 s on Ray vs 22.1 s locally; bench/README.md). Every fold starts cold now (leak40), all side by side."""
    return max(1, min(HALVES, largest_node_cpus, cluster_cpus // max(1, side_by_side)))


def cross_val_pred_probs(
    features: np.ndarray, labels: np.ndarray, n_classes: int, *, folds: int = 5, classifier: str = "logreg",
    C: float = 1.0, seed: int = 0, neighbours: np.ndarray | None = None,
    progress: StepFn | None = None, cancel: threading.Event | None = None,
) -> PredictResult:
    """:func:`engine.predict.cross_val_pred_probs`, one fold per Ray task."""
    import ray

    from engine.predict import BLENDS_WITH_GRAPH, PredictResult, checked_inputs, finish_probs, fold_splits

    features, labels = checked_inputs(features, labels, classifier)
    used, notes, splits = fold_splits(labels, folds, seed)
    if classifier in BLENDS_WITH_GRAPH and neighbours is None:
        from engine.distributed.graph import build_graph

        neighbours = build_graph(features, k=10, cancel=cancel).indices
    features_ref, labels_ref = ray.put(np.ascontiguousarray(features)), ray.put(labels)
    neighbours_ref = ray.put(neighbours) if neighbours is not None else None
    task = ray.remote(max_retries=RETRIES)(_fold)
    largest = max([cpus for _, cpus in node_cpus()] or [1])
    pred_probs = np.zeros((len(labels), n_classes), dtype=np.float64)
    finished = 0

    def submit(folds, start):
        cpus = fold_cpus(largest, cluster_cpus(), len(folds))
        return [task.options(num_cpus=cpus).remote(features_ref, labels_ref, splits[i][0], splits[i][1], n_classes,
                                                   classifier, C, seed, neighbours_ref, start, cpus) for i in folds]

    def store(folds):
        def on_done(i: int, value) -> None:
            nonlocal finished
            pred_probs[splits[folds[i]][1]] = value[0]
            finished += 1
            if progress is not None:
                progress(finished, used)
        return on_done

    # as locally (engine/predict.py): every fold cold, all at once
    every = list(range(len(splits)))
    gather(submit(every, None), "cross-validation", on_done=store(every), cancel=cancel)
    return PredictResult(pred_probs=finish_probs(pred_probs, neighbours, labels, n_classes, classifier),
                         folds_used=used, notes=notes)


def _fold(features, labels, train, test, n_classes, classifier, C, seed, neighbours, start, cpus=1):
    """One fold's probabilities and its regression solution (None for other classifiers); with
    ``cpus`` > 1 the regression's halves on that many threads, BLAS on one each (as locally)."""
    from concurrent.futures import ThreadPoolExecutor

    from threadpoolctl import threadpool_limits

    from engine.predict import fold_probs

    fault("predict")
    previous = [] if start is None else [start]
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=max(1, cpus)) as halves:
        probs = fold_probs(features, labels, train, test, n_classes, classifier=classifier, C=C, seed=seed,
                           neighbours=neighbours, previous=previous, pool=halves if cpus > 1 else None)
    return probs, (previous[0] if previous else None)
