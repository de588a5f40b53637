"""The audit pipeline: load -> embed -> predict -> neighbours -> audit, each stage cached.

Every stage's cache key covers exactly what it depends on, so a change recomputes only what
it must: new labels reuse the embeddings and the neighbour graph; a new model recomputes all.
"""

from __future__ import annotations

import functools
import threading
import time
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.audit import CHECKS_VERSION, ISSUE_TYPES, LABEL_VERSION, DatalabFindings, findings_files, restored_findings
from engine.cache import ArraySpec, array_hash, make_key
from engine.embed_model import TFIDF_MODEL, resolve_device, resolve_model_name
from engine.checks import (
    validate_options,
    check_audit_memory,
    check_auditable,
    pred_probs_doubt,
    graph_doubt,
    audit_doubt,
)
from engine.embed_stage import EmbedStage
from engine.errors import DataError
from engine.load import Dataset, load_dataset
from engine.predict import DEFAULT_C, DEFAULT_CLASSIFIER, FoldState
from engine.progress import Progress, ProgressFn  # noqa: F401 - Progress: callers import it from here
from engine.neighbours import DEFAULT_K, NeighbourGraph, choose_method
from engine.order_words import ORDER_VERSION
from engine.stage_runner import StageRunner
from engine.long_texts import long_text_note
from engine.unknown_tokens import unknown_token_note
from engine.text_vectors import LazyVectors, SessionVectors, as_array

STAGES = ("load", "embed", "neighbours", "predict", "audit")  # the order they run in
PIPELINE_VERSION = 1


@dataclass
class AuditOptions:
    """Everything that changes what an audit computes (and so its cache keys)."""

    text_column: str | None = None  # None: "text", else a lone text-like column (engine/column_guess.py)
    label_column: str | None = None  # None: "label", else a lone label-like column
    id_column: str | None = None
    encoding: str = "utf-8"
    label_sep: str | None = None  # multi-label sets as delimited strings (engine/multilabel.py)
    model: str | None = None
    device: str = "auto"
    precision: str = "auto"  # embeddings: bf16 on CPUs with native bf16, fp16 on CUDA
    #: a second view's out-of-fold pred_probs pooled with the model's (engine/second_view.py): "auto", "tfidf", "none"
    second_view: str = "auto"
    #: not an option: the TF-IDF view's vocabulary cap (engine/second_view.VIEW_MAX_TERMS), set on the view's own
    #: options; None (``--model tfidf``): every 1-2 gram
    tfidf_max_terms: int | None = None
    folds: int = 5
    classifier: str = DEFAULT_CLASSIFIER
    C: float = DEFAULT_C
    seed: int = 0
    k: int = DEFAULT_K
    issue_types: tuple[str, ...] = ISSUE_TYPES
    pred_probs_path: str | None = None
    features_path: str | None = None
    use_cache: bool = True
    cache_root: str | None = None
    ray: str | None = None  # engine/distributed: "local" (start Ray here), "auto" or an address; None: no Ray
    ray_cpus: int | None = None  # CPUs of a local Ray instance (default: the machine's)
    #: without a cache: the vectors this process embedded, reused by a re-audit or More like this (the
    #: CLI gives --no-cache one); not part of any key
    session_vectors: SessionVectors | None = field(default=None, repr=False, compare=False)


def unused_options_note(options: AuditOptions, names: tuple[str, ...], because: str) -> str | None:
    """'--device cpu and --precision int8 not used: BECAUSE' for the options of ``names`` set to other than
    their defaults, else None: options another input makes moot were ignored without a word (hostile23,
    hostile30)."""
    unused = [f"--{name} {getattr(options, name)}" for name in names
              if getattr(options, name) != getattr(AuditOptions, name)]
    return f"{' and '.join(unused)} not used: {because}" if unused else None


def second_view_unused_note(options: AuditOptions, runner: StageRunner, dataset: Dataset) -> str | None:
    """'--second-view tfidf not used: WHY' where the view cannot be pooled (engine/second_view.uses_second_view's
    cases, and multi-label data): it was dropped without a word (review38: --pred-probs F --second-view tfidf)."""
    if options.second_view != "tfidf":
        return None
    why = ("the model is TF-IDF itself" if resolve_model_name(options.model) == TFIDF_MODEL
           else "--pred-probs gives the probabilities" if runner.user_pred_probs is not None
           else "--features gives the vectors (the view pools with a model's own)" if runner.features is not None
           else "multi-label data is audited on the model's vectors alone" if dataset.is_multilabel
           else "fewer than 3 rows" if len(dataset) < 3 else None)
    return f"--second-view tfidf not used: {why}" if why else None


@dataclass
class AuditResult:
    """Everything one ``run_audit`` produced, in memory: the dataset, the options used, the
    out-of-fold probabilities, the neighbour graph and Datalab's findings (``output``)."""

    dataset: Dataset
    options: AuditOptions
    pred_probs: np.ndarray
    graph: NeighbourGraph | None
    output: DatalabFindings
    timings_s: dict[str, float]
    stage_cache_hits: dict[str, bool]
    notes: list[str] = field(default_factory=list)
    run_notes: list[str] = field(default_factory=list)  # those of ``notes`` only this run gives (cache events, reuse)
    folds: FoldState | None = None  # each row's fold and each fold's solution (a re-audit starts from them)
    #: the second view's weight in the pooled pred_probs (engine/second_view.py); None: one view
    view_weight: float | None = None

    @property
    def cache_hit(self) -> bool:
        """True when nothing had to be computed."""
        return all(self.stage_cache_hits.get(s, False) for s in STAGES if s != "load")


def package_version(name: str) -> str:
    """The installed version of distribution ``name`` (a cache key part), or "none"."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


class _Runner(EmbedStage):
    """One audit run: its stages (embed, predict, neighbours, audit), each ``cached`` under a key
    covering what the stage depends on (engine/stage_runner.py holds the machinery; engine/embed_stage.py
    the embed stage)."""

    def predict(
        self, dataset: Dataset, vectors: np.ndarray | LazyVectors, vector_key: str,
        graph: NeighbourGraph | None = None,
    ) -> tuple[np.ndarray, str]:
        options = self.options
        warm = self.warm if options.ray is None and options.classifier == "logreg-knn" else None
        if self.user_pred_probs is not None:
            pred_probs = self.user_pred_probs
            self.hits["predict"] = True
            if not dataset.is_multilabel:
                from engine.checks import column_order_note, in_sample_note
                from engine.label_column import pred_probs_order

                names = [str(c) for c in dataset.class_names]
                if note := (column_order_note(pred_probs, dataset.labels, names, **pred_probs_order(dataset))
                            or in_sample_note(pred_probs, dataset.labels)):
                    self.notes.append(note)
            return pred_probs.astype(np.float32, copy=False), "pred_probs:" + array_hash(pred_probs)
        key = make_key({
            "vectors": vector_key, "labels": dataset.label_hash(), "folds": options.folds,
            "classifier": options.classifier, "C": options.C, "seed": options.seed,
            "graph": graph.method if graph is not None and options.classifier.endswith("-knn") else None,
            "sklearn": package_version("scikit-learn"), "v": PIPELINE_VERSION, "label_v": LABEL_VERSION,
            **({} if warm is None else {"warm": [array_hash(warm.fold_of), array_hash(warm.solutions)]}),
        })

        def compute():
            from engine.predict import cross_val_pred_probs

            if options.ray is not None:
                from engine.distributed import stage_function

                cross_val_pred_probs = stage_function("predict", options)
            result = cross_val_pred_probs(
                as_array(vectors), dataset.labels, dataset.n_classes, folds=options.folds,
                classifier=options.classifier, C=options.C, seed=options.seed,
                neighbours=graph.indices if graph is not None else None,
                progress=self.stage_progress("predict"), cancel=self.cancel,
                **({} if warm is None else {"warm": warm}),
            )
            return result.pred_probs, result.notes, result.folds

        def files(result) -> tuple[dict[str, Any], dict[str, Any]]:
            stored = {"pred_probs.npy": result[0]}
            if result[2] is not None:  # .npy, never pickle: read back by a re-audit
                stored.update({"fold_of.npy": result[2].fold_of, "fold_solutions.npy": result[2].solutions})
            return stored, {"notes": result[1]}

        def restore(cached: dict[str, Any]):
            folds = None
            if isinstance(cached.get("fold_of"), np.ndarray) and isinstance(cached.get("fold_solutions"), np.ndarray):
                folds = FoldState(np.asarray(cached["fold_of"]), np.asarray(cached["fold_solutions"]))
            return cached["pred_probs"], [], folds

        pred_probs, _, self.folds = self.cached(
            "predict", "pred_probs", key, compute=compute, files=files, restore=restore, doubt=pred_probs_doubt,
            arrays={"pred_probs": ArraySpec("float32", (len(dataset), dataset.n_classes))},
            imports=("sklearn.model_selection", "sklearn.linear_model"),
        )
        return pred_probs, key

    def neighbours(self, vectors: np.ndarray | LazyVectors, vector_key: str) -> tuple[NeighbourGraph, str]:
        # resolved once: the search gets "cuda", never "auto" (torch refuses "auto" as a device)
        device = "cpu" if resolve_model_name(self.options.model) == TFIDF_MODEL else resolve_device(self.options.device)
        method = choose_method(len(vectors), device)
        parts = {"vectors": vector_key, "k": self.options.k, "method": method, "v": PIPELINE_VERSION}
        if method == "ivf":  # its cells searched per query changed (engine/neighbours.ivf_nprobe)
            parts["nprobe"] = "share-50"
        key = make_key(parts)

        def compute() -> NeighbourGraph:
            from engine.neighbours import build_graph, derive_graph

            if self.graph_from is not None and method == "exact" and self.options.ray is None:
                before, kept = self.graph_from
                derived = derive_graph(before, as_array(vectors), kept, k=self.options.k)
                if derived is not None:  # the exact graph, searched again only where a row lost a neighbour
                    return derived
            if self.options.ray is not None:
                from engine.distributed import stage_function

                build_graph = stage_function("neighbours", self.options)
            return build_graph(as_array(vectors), k=self.options.k, method=method, device=device,
                               progress=self.stage_progress("neighbours"), cancel=self.cancel)

        graph = self.cached(
            "neighbours", "neighbours", key, compute=compute,
            files=lambda graph: ({"indices.npy": graph.indices, "distances.npy": graph.distances},
                                 {"method": graph.method}),
            restore=lambda cached: NeighbourGraph(cached["indices"], cached["distances"], cached["_meta"]["method"]),
            doubt=graph_doubt, imports=("faiss",),
            arrays={"indices": ArraySpec("int", (len(vectors), None)),
                    "distances": ArraySpec("float32", (len(vectors), None))},
        )
        return graph, key

    def audit(self, dataset: Dataset, pred_probs, graph, vectors, keys: dict[str, str]) -> DatalabFindings:
        options = self.options
        key = make_key({
            **keys, "labels": dataset.label_hash(), "issue_types": list(options.issue_types),
            "nulls": array_hash(dataset.text_is_null.astype(np.uint8)),
            "cleanlab": package_version("cleanlab"), "v": PIPELINE_VERSION, "label_v": LABEL_VERSION,
            "checks_v": CHECKS_VERSION, **({"order_v": ORDER_VERSION} if "non_iid" in options.issue_types else {}),
            # the label check's note counts rows whose text is another label's (engine/label_copies): with
            # --features no other key holds the texts, and edited texts kept the old count (review23)
            **({"texts": dataset.text_hash()} if {"label", "near_duplicate", "non_iid"} & set(options.issue_types)
               and str(keys.get("vectors", "")).startswith("features:") else {}),  # and same_words, length_order
        })

        def compute() -> DatalabFindings:
            from engine.audit import run_datalab
            from engine.label_copies import copied_under_other_labels
            from engine.length_order import length_drift_note
            from engine.same_words import same_words_groups
            from engine.tfidf_confirm import tfidf_terms

            copies = (copied_under_other_labels(dataset.texts, dataset.labels, dataset.text_is_null)
                      if "label" in options.issue_types else None)
            same = (same_words_groups(dataset.texts, dataset.text_is_null)
                    if "near_duplicate" in options.issue_types else None)
            # --model tfidf: its near-duplicates judged on the TF-IDF rows before the SVD (the embed stage's, if it ran)
            terms = tfidf_terms(dataset.texts, options, str(keys.get("vectors", "")), kept=self.terms)
            self.terms = None
            output = run_datalab(
                dataset.labels, pred_probs, graph.to_csr() if graph is not None else None,
                null_mask=dataset.text_is_null, features=as_array(vectors), issue_types=options.issue_types,
                progress=self.progress, cancel=self.cancel, copies=copies, class_names=dataset.class_names,
                same_words=same, terms=terms,
            )
            drift = length_drift_note(dataset.texts, dataset.text_is_null) if "non_iid" in options.issue_types else None
            if drift:
                output.notes.append(drift)
            return output

        return self.cached(
            "audit", "audit", key, compute=compute, restore=lambda cached: restored_findings(cached, len(dataset)),
            files=findings_files, doubt=functools.partial(audit_doubt, n_rows=len(dataset)),
            imports=("cleanlab.datalab.datalab",),
        )


def audit_vectors(dataset: Dataset, options: AuditOptions, cancel: threading.Event | None = None) -> np.ndarray:
    """The (n, d) float32 vectors an audit of ``dataset`` with ``options`` used: the embed stage
    itself (same key, checks and per-text reuse), so a cache hit, or embedded again if the entry
    is gone; ``--features`` vectors when the audit had them."""
    runner = _Runner(options, None, cancel)  # options as the audit used them (already checked)
    runner.load_user_arrays(dataset)
    vectors, _ = runner.embed(dataset)
    return np.asarray(as_array(vectors), dtype=np.float32)


def run_audit(
    source: str | Path | pd.DataFrame | Dataset,
    options: AuditOptions | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    warm: FoldState | None = None,
    graph_from: tuple[NeighbourGraph, np.ndarray] | None = None,
) -> AuditResult:
    """Audit a dataset end to end, reusing every cached stage that still applies. ``warm``
    (engine/reaudit): refit these folds of an earlier audit from their solutions. ``graph_from``
    (engine/reaudit: an earlier audit's graph, and the rows of its data that this dataset keeps,
    in order): an exact graph is derived from it (``neighbours.derive_graph``), not rebuilt."""
    options = validate_options(options or AuditOptions())  # a copy: the caller's options stay as given
    runner = _Runner(options, progress, cancel)
    runner.warm = warm
    runner.graph_from = graph_from
    total_started = time.perf_counter()
    if isinstance(source, Dataset):
        dataset = source
        runner.timings["load"] = 0.0
    else:
        dataset = runner.timed("load", lambda: load_dataset(
            source, text_column=options.text_column, label_column=options.label_column,
            id_column=options.id_column, encoding=options.encoding, label_sep=options.label_sep,
        ))
    check_auditable(dataset)
    memory_note = check_audit_memory(dataset)  # thousands of classes: (n, K) and (K, K) arrays
    if memory_note:
        runner.notes.append(memory_note)
    runner.load_user_arrays(dataset)  # before embedding: a wrong array fails in seconds
    if view_note := second_view_unused_note(options, runner, dataset):
        runner.notes.append(view_note)
    runner.notes.extend(dataset.warnings)
    if runner.features is None and (note := unknown_token_note(
            dataset.texts, options.model, pred_probs_given=runner.user_pred_probs is not None)):
        runner.notes.append(note)  # texts the model reads as [UNK]: its vectors cannot tell them apart
    # texts longer than the model reads; with --pred-probs too: its vectors still drive the neighbour flags
    if runner.features is None:
        from engine.second_view import uses_second_view

        view = ("given" if runner.user_pred_probs is not None else "never" if dataset.is_multilabel
                else "pooled" if uses_second_view(options, runner, len(dataset)) else "off")
        if note := long_text_note(dataset.texts, options.model, second_view=view):
            runner.notes.append(note)
    for notice in dataset.notices if not isinstance(source, Dataset) else ():  # loaded here (a re-audit's were said)
        runner.notice(notice)  # before the embedding's minutes: the user may cancel and rerun with the option
    # read only if a stage computes with them: a full cache hit never reads the vectors
    vectors, vector_key = runner.timed("embed", runner.embed, dataset, True)
    if len(vectors) != len(dataset):
        raise DataError("embeddings and dataset disagree in length")
    graph = None
    graph_key = "none"
    if len(dataset) >= 3:
        graph, graph_key = runner.timed("neighbours", runner.neighbours, vectors, vector_key)
    else:
        runner.hits["neighbours"] = True
        runner.notes.append("fewer than 3 rows: neighbour-based issue types are skipped")
        kept = tuple(t for t in options.issue_types if t in ("null", "label", "class_imbalance"))
        runner.options = options = replace(options, issue_types=kept)
    # after the graph: the default classifier reuses its neighbours (leave-one-out votes)
    if dataset.is_multilabel:  # per-label probabilities, Datalab(task="multilabel")
        from engine.multilabel_audit import run_multilabel

        pred_probs, output = run_multilabel(runner, dataset, vectors, vector_key, graph, graph_key)
    else:
        from engine.second_view import predict_views

        pred_probs, pred_key = runner.timed("predict", predict_views, runner, dataset, vectors, vector_key, graph)
        keys = {"vectors": vector_key, "pred_probs": pred_key, "graph": graph_key}
        output = runner.timed("audit", runner.audit, dataset, pred_probs, graph, vectors, keys)
    runner.terms = None  # the TF-IDF rows (--model tfidf), read by the audit stage or not needed: not held on
    if dataset.index is not None:  # a caller's DataFrame: the rows keyed as its own (the cache keeps 0..n-1)
        output = replace(output, issues=output.issues.set_axis(dataset.index))
    runner.timings["total"] = round(time.perf_counter() - total_started, 3)
    runner.run_notes.extend(runner.cache.events)
    runner.notes.extend(runner.run_notes)
    return AuditResult(
        dataset=dataset, options=options, pred_probs=pred_probs, graph=graph, output=output,
        timings_s=runner.timings, stage_cache_hits=runner.hits, notes=runner.notes, run_notes=runner.run_notes,
        folds=runner.folds, view_weight=runner.view_weight,
    )
