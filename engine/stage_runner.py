"""The machinery under the audit's stages: the cache lookup a stage trusts or recomputes, the
user's own arrays, progress and timings (engine/pipeline.py defines the stages themselves)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from engine.cache import ArraySpec, Cache
from engine.errors import NOT_CACHED
from engine.checks import (
    check_features,
    check_label_probs,
    check_pred_probs,
    load_user_array,
    meta_doubt,
    zero_rows_note,
)
from engine.imports import import_with_gc_paused
from engine.neighbours import NeighbourGraph
from engine.predict import FoldState
from engine.progress import Progress, ProgressFn

if TYPE_CHECKING:
    from engine.load import Dataset
    from engine.pipeline import AuditOptions

T = TypeVar("T")

LIBRARY_NAMES = {"sklearn": "scikit-learn"}  # a module's package as users know it (pip's name)


def loading_words(imports: tuple[str, ...]) -> str:
    """'loading scikit-learn…' for the libraries in ``imports`` not imported yet; '' if none."""
    names: list[str] = []
    for module in imports:
        top = module.split(".")[0]
        name = LIBRARY_NAMES.get(top, top)
        if module not in sys.modules and name not in names:
            names.append(name)
    return f"loading {', '.join(names)}…" if names else ""


class StageRunner:
    """One audit run's callbacks, timings and cache, so the stages (engine/pipeline.py) stay short.

    Each stage is ``cached``: a key covering what the stage depends on; a verified, trusted
    cache entry if there is one; else the heavy imports, the computation and the save.
    """

    def __init__(self, options: AuditOptions, progress: ProgressFn | None, cancel: threading.Event | None):
        self.options = options
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.cache = Cache(root=Path(options.cache_root) if options.cache_root else None, enabled=options.use_cache)
        self.timings: dict[str, float] = {}
        self.hits: dict[str, bool] = {}
        self.notes: list[str] = []
        self.run_notes: list[str] = []  # notes about this run, not the data: a warm run of the same audit lacks them
        self.features: np.ndarray | None = None
        self.user_pred_probs: np.ndarray | None = None
        self.warm: FoldState | None = None  # run_audit(warm=...): refit an earlier audit's folds
        self.folds: FoldState | None = None  # this run's folds, for a later re-audit
        self.graph_from: tuple[NeighbourGraph, np.ndarray] | None = None  # run_audit(graph_from=...)
        self.view_weight: float | None = None  # the second view's weight in the pooled pred_probs
        self.lent_s = 0.0  # seconds a stage spent on another's work (lazy vectors read late): counted there
        self.terms: Any | None = None  # --model tfidf: the TF-IDF rows the embed stage built (engine/tfidf_confirm.py)
        self.stored: set[str] = set()  # stages whose entry is in the cache: read from it, or written whole
        self.unstored: set[str] = set()  # stages with an entry this run did not write (failed, or NOT_CACHED)
        self.timing: list[str] = []  # the stages ``timed`` runs now (a stage's cached() counts only as its own)
        self.finished: list[str] = []  # the stages ``timed`` saw return

    def load_user_arrays(self, dataset: Dataset) -> None:
        """Read and check ``--features``/``--pred-probs`` against the data before any stage runs."""
        options = self.options
        if options.features_path:
            self.features = check_features(load_user_array(options.features_path, "features"), len(dataset))
            if (note := zero_rows_note(self.features)) is not None:
                self.notes.append(note)
        if options.pred_probs_path:
            from engine.pipeline import unused_options_note  # here: engine.pipeline imports this module

            if note := unused_options_note(options, ("folds",), "--pred-probs gives the out-of-sample probabilities "
                                                                "(the folds are textaudit's own cross-validation)"):
                self.notes.append(note)
            probs = load_user_array(options.pred_probs_path, "pred-probs")
            if dataset.is_multilabel:
                self.user_pred_probs = check_label_probs(probs, len(dataset), dataset.n_classes)
            else:
                from engine.label_column import pred_probs_order, unused_class_label_names

                self.user_pred_probs = check_pred_probs(probs, len(dataset), dataset.n_classes,
                                                        unused=unused_class_label_names(dataset),
                                                        **pred_probs_order(dataset))

    def trust(self, stage: str, key: str, cached: dict[str, Any], doubt: Callable[[dict[str, Any]], str | None]) -> bool:
        """True when a verified cache entry also makes sense for this data; else it is
        deleted, reported, and the stage recomputes."""
        try:
            reason = meta_doubt(cached["_meta"]) or doubt(cached)
        except Exception as exc:  # noqa: BLE001 - any surprise in a cache entry means recompute
            reason = f"{type(exc).__name__}: {exc}"
        if reason is None:
            return True
        self.cache.reject(stage, key, reason)
        return False

    def cached(
        self,
        stage: str,
        entry: str,
        key: str,
        *,
        compute: Callable[[], T],
        files: Callable[[T], tuple[dict[str, Any], dict[str, Any]]],
        restore: Callable[[dict[str, Any]], T],
        doubt: Callable[[dict[str, Any]], str | None],
        arrays: dict[str, ArraySpec] | None = None,
        imports: tuple[str, ...] = (),
    ) -> T:
        """The result of ``stage`` (cache folder ``entry``) for ``key``, from the cache or computed.

        ``restore`` rebuilds the result from a trusted entry; on a miss ``imports`` are imported
        with the garbage collector paused, ``compute`` runs and ``files(result)`` gives the files
        and the metadata to save. A ``notes`` list in the metadata reaches the user either way.
        """
        cached = self.cache.load(entry, key, arrays=arrays)
        if cached is not None and self.trust(entry, key, cached, doubt):
            self.hits[stage] = True
            self.notes.extend(cached["_meta"].get("notes", []))
            self.store(stage)
            return restore(cached)
        if imports:
            if words := loading_words(imports):  # R's predict read 'starting' for 6 s while scikit-learn
                self.report(stage, 0, 1, words)  # loaded (walk43); the stage's next report replaces it
            import_with_gc_paused(*imports)
        self.hits[stage] = False
        result = compute()
        stored, meta = files(result)
        if not any(str(note).endswith(NOT_CACHED) for note in meta.get("notes", ())):  # a check that failed for
            if self.cache.save(entry, key, stored, meta):  # a reason of this run is checked again by the next
                self.store(stage)
            else:
                self.store(stage, False)
        else:
            self.store(stage, False)
        self.notes.extend(meta.get("notes", []))
        return result

    def late(self, stage: str, func: Callable[[], T]) -> Callable[[], T]:
        """``func``, called within another stage, its time counted as ``stage``'s (which has finished)."""

        def timed_late() -> T:
            started = time.perf_counter()
            try:
                return func()
            finally:
                spent = time.perf_counter() - started
                self.lent_s += spent
                self.timings[stage] = round(self.timings.get(stage, 0.0) + spent, 3)

        return timed_late

    def report(self, stage: str, done: int, total: int, message: str = "", reused: int = 0) -> None:
        if self.progress is not None:
            self.progress(Progress(stage, done, total, message, reused))

    def notice(self, text: str) -> None:
        """Say ``text`` now, ahead of the stages' minutes (Progress.notice)."""
        if self.progress is not None:
            self.progress(Progress("load", 1, 1, notice=text))

    def stage_progress(self, stage: str, reused: int = 0) -> Callable[[int, int], None]:
        """The stage's step reports; ``reused``: texts the embedding does not count (Progress.reused)."""
        return lambda done, total: self.report(stage, done, total, reused=reused)

    def store(self, stage: str, kept: bool = True) -> None:
        """``stage``'s entry is in the cache (``kept``) or was not written: where it is the stage ``timed``
        runs (the second view's embed inside the predict stage is not the embed stage). One entry of a
        stage not written (the second view's predict beside the model's) and the stage is not kept."""
        if self.timing and self.timing[-1] == stage:
            (self.stored if kept else self.unstored).add(stage)

    def kept_stages(self) -> list[str]:
        """The stages that finished with their result in the cache: a re-run reads them, not computes."""
        return [stage for stage in self.finished if stage in self.stored and stage not in self.unstored]

    def timed(self, stage: str, func: Callable[..., T], *args: Any) -> T:
        """``func`` as ``stage``, timed and reported. Whatever stops it (a cancel, Ctrl+C's
        KeyboardInterrupt, an error) leaves ``kept_stages`` on the exception as ``cached_stages``:
        the CLI's 'interrupted' line says what a re-run reuses."""
        started, lent = time.perf_counter(), self.lent_s
        self.timing.append(stage)
        try:
            self.report(stage, 0, 1, "starting")
            value = func(*args)
        except BaseException as stopped:
            if not hasattr(stopped, "cached_stages"):
                try:
                    stopped.cached_stages = self.kept_stages() if self.cache.enabled else None
                except AttributeError:  # an exception type without a __dict__
                    pass
            raise
        finally:
            self.timing.pop()
        self.finished.append(stage)
        self.timings[stage] = round(time.perf_counter() - started - (self.lent_s - lent), 3)
        self.report(stage, 1, 1, "done")
        return value
