"""Run cleanlab's Datalab on precomputed pred_probs and one shared neighbour graph.

Issue types run one at a time, so progress is reported and cancellation is honoured between
them. The result is Datalab's own issue frame (``is_<type>_issue``, ``<type>_score``), its
summary, a JSON-safe copy of its info, and the text of ``Datalab.report()``.
"""

from __future__ import annotations

import contextlib
import io
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from engine.errors import Cancelled, UsageError
from engine.progress import Progress, ProgressFn

ISSUE_TYPES = (
    "null",
    "label",
    "outlier",
    "near_duplicate",
    "non_iid",
    "class_imbalance",
    "underperforming_group",
)
# part of the predict and audit cache keys: bump when pred_probs or the label scoring change
# (2: trust-weighted kNN votes, noise-aware label posterior; 5: guarded posterior, flags = estimated count;
# 6: posterior or self-confidence by a held-out choice of noise model; 7: kNN votes pooled
# log-linearly with a fitted weight; 8: the noise estimate needs a median class of 20 rows, was 10;
# 9: the posterior without its noise-corrected T^-1 p half; 10: two classes count the rows below 0.5
# with the power fitted to the labels; 11: the flip models' counts corrected for the flips the
# classifier learned, counted_flips; 12: a class under 10 rows adds the flip rate's share to the
# count and gets at most its share of the flags, lowest_scored; 13: such a class's rows scored on
# the two-way contest between their label and their likeliest other class, two_way_contest; 14: not
# where that rival reaches its class's confident-learning threshold, class_thresholds; 15: a class
# under MIN_ROWS_PER_CLASS rows is never that sure rival; 16: the no-signal note, engine/label_signal.py;
# 17: self-confidence ranks a class under MIN_ROWS_PER_CLASS rows that the classifier under-predicts
# scaled up to its label frequency, engine/class_lift.py; 18: self-confidence read on the sharpened
# probabilities where simulated random flips say they rank better, engine/sharp_ranking.py; 20 (19
# briefly held a draft of it): the overlapping classes' groups and note, engine/class_overlap.py; 21:
# those groups only of classes both under half; 23 (22 briefly held a reverted two-class count): the
# lift of small classes left off where simulated random flips rank worse with it, class_lift.lift_check;
# 24: two classes, cleanlab's two flip rates only where held-out rows back them, else one rate both
# ways; 25: random destinations but held-out rows back cleanlab's rate per class: the posterior on
# those rates, engine/class_rates.py; 26: untested class pairs that held-out rows do not back against no
# flips at all: the posterior pooled with self-confidence, engine/pair_backing.py; 27: a tiny class's
# strays, rows each placed in a sure other class of their own, counted and flagged as any row; 28: a
# flip model's count divides by a detection share of 0.25-0.5 too where 9 or more rows are counted,
# and an undecided held-out test counts with the larger of its two models, engine/flip_counts.py; 29: the
# class-rate path counts with its rates per class, flip_counts.rated_flips; 30: two classes, the rows below
# 0.5 at the fitted power no longer capped by cleanlab's count, which misses flips out of one class; 31:
# the held-out noise-model test also runs under 1% of random flips where the random-flip model singles out
# 9 or more rows, label_posterior.enough_to_test; 32: two classes on the guards' path, each class's own
# flip rate where held-out rows back it over a class bias with one rate both ways, its count not capped
# by cleanlab's, class_rates.one_way_noise; 33: the same model's posterior on the two-class posterior's path too,
# where held-out rows back it, class_rates.one_way_model; 34: a label that reads as a parent of others counted right
# for its children's texts, and the parent's share not held against a child's label, engine/parent_labels.py;
# 35: T's condition number read at the 90% quantile of redrawn confident-joint counts too, noise_trust.condition_upper;
# 36: 35 undone, the point condition number alone again (review27: the stable path was the one that misses a mixed
# group's errors, and 100 SVDs cost 117 s at 1,000 classes); 37: the classes of a group whose labels read as mixed
# up among themselves left out of T's condition number, noise_trust.mixed_up_classes; 38: T's tiny-class line
# relative, under 10 rows and under half an average row's class, noise_matrix.tiny_classes (few-shot sets); 39: the
# held-out test's random-flip threshold read without a set-aside group's rows, label_posterior.score_labels; 40: a
# parent label needs its rows named as its children spread, no one child three quarters of them,
# parent_labels.MAX_ONE_CHILD; 41: the small-class lift only of classes the classifier itself under-predicts, not
# those the sharpened ranking shrank, class_lift.lift_factors's learned; 42: a parent label's texts its children's,
# the parent under 3x as probable on its own rows as on theirs, parent_labels.MAX_OWN_LEAN; 43: T ill-conditioned
# only through classes the model never predicts is trusted where held-out rows back its pairs,
# noise_trust.unlearned_classes; 44: and without smaller classes it never predicts whose rows it reads mostly as one
# other class, noise_trust.lookalike_classes; 45: rows with no text never flagged, issue_managers._without_blank_rows;
# 46: the TF-IDF view's out-of-fold pred_probs pooled in by default, engine/second_view.py; 47: every fold of a
# fresh audit's cross-validation starts cold, engine/predict.py _run_folds, so no fold starts from labels it tests;
# 48: the 'barely predict' note, label_signal_auc and no_label_signal also read the ranking's AUC where kappa is
# under 0.05, engine/label_signal.py; 49: on the guards' path a class's flagged rows that its neighbours' labels back
# count less, never under Datalab's own count, engine/neighbour_labels.py)
LABEL_VERSION = 49
#: Part of the audit cache key (engine/pipeline.py, engine/multilabel_audit.py): bump when what the
#: non-label checks flag or say changes (1: issue_managers._NoTextNoFlag and even_spread_note; 2: texts of
#: the same words are near-duplicates, engine/same_words.py; 3: and on the multi-label path, and the note on
#: texts whose length drifts with the row order, engine/length_order.py; 4: a row that shares nothing with any
#: other is an outlier, engine/outlier_isolated.py; 5: --model tfidf's near-duplicate pairs confirmed on the
#: sparse TF-IDF rows before its SVD, engine/tfidf_confirm.py; 6: and judged there, its scores, nearest distances
#: and nearest rows (a nearest_neighbor column) those of the terms; 7: --model tfidf's outliers scored on the k nearest
#: rows of the sparse TF-IDF rows, engine/terms_neighbours.py).
CHECKS_VERSION = 7


@dataclass
class DatalabFindings:
    """What Datalab found, in plain, cacheable form: the audit stage's result.

    One part of a whole run's ``pipeline.AuditResult`` (its ``output``); the TUI reads both
    through ``tui.view.AuditView``, row-indexed columns built from the result.
    """

    issues: pd.DataFrame
    summary: pd.DataFrame
    info: dict[str, Any]
    report: str
    timings_s: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # issue types Datalab could not check, and why


AuditOutput = DatalabFindings  # the former name, still imported by other modules


def parse_issue_types(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """Validate a comma-separated list (or sequence) of issue types; None means all seven."""
    if value is None or value == "" or value == "all":
        return ISSUE_TYPES
    names = [v.strip() for v in (value.split(",") if isinstance(value, str) else value)]
    names = [n.replace("-", "_") for n in names if n]
    unknown = [n for n in names if n not in ISSUE_TYPES]
    if unknown:
        raise UsageError(
            f"unknown issue {'type' if len(unknown) == 1 else 'types'} {', '.join(unknown)}; choose from {', '.join(ISSUE_TYPES)}"
        )
    return tuple(n for n in ISSUE_TYPES if n in names)


def run_datalab(
    labels: np.ndarray,
    pred_probs: np.ndarray | None,
    knn_graph: Any | None,
    *,
    null_mask: np.ndarray | None = None,
    features: np.ndarray | None = None,
    issue_types: Sequence[str] = ISSUE_TYPES,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    copies: np.ndarray | None = None,
    class_names: Sequence[str] | None = None,
    same_words: np.ndarray | None = None,
    terms: Any | None = None,
) -> DatalabFindings:
    """Find the chosen issue types; ``null_mask`` marks rows whose text is empty or missing,
    ``copies`` the rows whose exact text is also another label's (the label check's notes say how
    many of its flags those are: engine/label_copies.py), ``class_names`` the classes as the data spells
    them (a note may name them: engine/parent_labels.py), ``same_words`` each row's group of texts
    of the same words (engine/same_words.py; the near-duplicate check flags them), ``terms`` (``--model tfidf``) the
    sparse TF-IDF rows its vectors reduce: a near-duplicate pair is confirmed on them (engine/tfidf_confirm.py).

    textaudit's issue managers (engine/issue_managers.py) do the work inside Datalab; a check
    that fails becomes a note ("<type> not checked: <reason>") instead of a silent zero.
    """
    from cleanlab import Datalab

    from engine.bounds import issue_kwargs
    from engine.issue_managers import RunContext, register_managers
    from engine.neighbour_labels import graph_indices

    register_managers()
    labels = np.asarray(labels, dtype=np.int64)
    lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    run = RunContext(labels=labels, pred_probs=pred_probs, copies=copies,
                     class_names=None if class_names is None else [str(name) for name in class_names],
                     same_words=None if same_words is None else np.asarray(same_words, dtype=np.int64),
                     terms=terms, neighbours=graph_indices(knn_graph))

    def settings(issue_type: str) -> dict[str, Any]:  # 10M+ rows: bounded by engine/bounds.py
        return {**_issue_kwargs(issue_type), **issue_kwargs(issue_type, len(labels), features, run.notes)}

    timings = find_each(lab, run, list(issue_types), settings, n_rows=len(labels), pred_probs=pred_probs,
                        knn_graph=knn_graph, features=features, null_mask=null_mask, progress=progress, cancel=cancel)
    output = collect_findings(lab, timings)
    output.notes = run.notes
    return output


def find_each(
    lab: Any,
    run: Any,
    todo: Sequence[str],
    settings: Callable[[str], dict[str, Any]],
    *,
    n_rows: int,
    pred_probs: np.ndarray | None,
    knn_graph: Any | None,
    features: np.ndarray | None,
    null_mask: np.ndarray | None,
    progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> dict[str, float]:
    """``lab.find_issues`` for each type of ``todo`` in turn (its ``settings``, and ``run``, the
    managers' context): progress and a cancel between types, a ``CheckFailed`` a note in
    ``run.notes``. Returns each type's seconds. Shared by the single- and multi-label audits."""
    from engine.issue_managers import CheckFailed

    if null_mask is not None:  # the vector checks leave rows with no text to the null check (issue_managers._NoTextNoFlag)
        run.null_mask = np.asarray(null_mask, dtype=bool)
    timings: dict[str, float] = {}
    for step, issue_type in enumerate(todo):
        if cancel is not None and cancel.is_set():
            raise Cancelled("audit cancelled")
        if progress is not None:
            progress(Progress("audit", step, len(todo), issue_type))
        started = time.perf_counter()
        kwargs: dict[str, Any] = {"issue_types": {issue_type: {**settings(issue_type), "textaudit": run}}}
        if issue_type == "null":
            kwargs["features"] = _null_marker(n_rows, null_mask)
        else:
            if pred_probs is not None:
                kwargs["pred_probs"] = pred_probs
            if knn_graph is not None:
                kwargs["knn_graph"] = knn_graph
                if issue_type == "outlier" and run.terms is not None:  # --model tfidf: on the terms, not the SVD
                    kwargs["knn_graph"] = _terms_graph(run, knn_graph, cancel, progress, step, len(todo))
            elif features is not None:
                kwargs["features"] = features
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. "too few examples": predict notes rare classes
                lab.find_issues(**kwargs)
        except CheckFailed as failed:
            run.notes.append(f"{issue_type} not checked: {failed.reason}")
        timings[issue_type] = round(time.perf_counter() - started, 3)
    if progress is not None:
        progress(Progress("audit", len(todo), len(todo), "done"))
    return timings


def _terms_graph(run: Any, knn_graph: Any, cancel: threading.Event | None, progress: ProgressFn | None,
                 step: int, steps: int) -> Any:
    """The outlier check's kNN graph on ``run.terms``, the sparse TF-IDF rows (engine/terms_neighbours.py); the
    shared graph where its rows disagree with them. ``run.outlier_graph`` says how it was found."""
    from engine.neighbour_labels import graph_indices
    from engine.terms_neighbours import terms_knn_graph

    neighbours = graph_indices(knn_graph)
    if neighbours is None or run.terms.shape[0] != len(neighbours):
        return knn_graph

    def said(done: int, total: int) -> None:
        if progress is not None:
            progress(Progress("audit", step, steps, f"outlier: terms, {done:,}/{total:,} rows"))

    graph, run.outlier_graph = terms_knn_graph(run.terms, neighbours, cancel=cancel, progress=said)
    return graph


def _null_marker(n_rows: int, null_mask: np.ndarray | None) -> np.ndarray:
    """Null rows for Datalab's null check: a one-column marker that is NaN where text is missing."""
    marked = np.zeros((n_rows, 1), dtype=np.float32)
    if null_mask is not None:
        marked[np.asarray(null_mask, dtype=bool)] = np.nan
    return marked


def _issue_kwargs(issue_type: str) -> dict[str, Any]:
    if issue_type in ("outlier", "near_duplicate", "non_iid"):
        return {"metric": "cosine"}
    if issue_type == "label":
        # n_jobs=1: by default cleanlab forks a multiprocessing pool, which can deadlock in a
        # process that already runs threads (TUI workers, torch, pyarrow's allocator)
        return {"clean_learning_kwargs": {"find_label_issues_kwargs": {"n_jobs": 1}}}
    return {}


_report_lock = threading.Lock()


def _report(lab) -> str:
    """The text of ``Datalab.report()``, which only prints it.

    Redirecting stdout swaps ``sys.stdout`` for the whole process; the lock keeps two audits in
    threads from restoring each other's stream.
    """
    if lab.get_issue_summary().empty:
        return "No issue types were checked."
    with _report_lock, contextlib.redirect_stdout(io.StringIO()) as printed:
        lab.report(num_examples=5, verbosity=1, show_all_issues=True)
    text = printed.getvalue()
    return text[:-1] if text.endswith("\n") else text


def cached_issues(issues: pd.DataFrame, n_rows: int) -> pd.DataFrame:
    """A cached issue table as the audit gave it: one of no column (no check could run, see
    collect_findings) comes back from Parquet with no row, and is given its ``n_rows`` again
    (the cache entry was 'unusable (its issue table does not have 8 rows)' on every start)."""
    return issues if len(issues.columns) else pd.DataFrame(index=pd.RangeIndex(n_rows))


def findings_files(output: DatalabFindings) -> tuple[dict[str, Any], dict[str, Any]]:
    """An audit's findings as its cache entry holds them: the files and the meta
    (:func:`restored_findings` reads them back; engine/pipeline.py and engine/multilabel_audit.py)."""
    return ({"issues.parquet": output.issues, "summary.parquet": output.summary, "info.json": output.info,
             "report.txt": output.report}, {"timings_s": output.timings_s, "notes": output.notes})


def restored_findings(cached: dict[str, Any], n_rows: int) -> DatalabFindings:
    """The findings of a cache entry that :func:`findings_files` wrote, for data of ``n_rows`` rows."""
    meta = cached["_meta"]
    return DatalabFindings(issues=cached_issues(cached["issues"], n_rows), summary=cached["summary"],
                           info=cached["info"], report=cached["report"], timings_s=meta.get("timings_s", {}),
                           notes=meta.get("notes", []))


def collect_findings(lab: Any, timings: dict[str, float]) -> DatalabFindings:
    """Datalab's issues (near-duplicate sets included), summary, JSON-safe info and report text."""
    if lab.issue_summary.empty:  # every check asked for failed (each a note): no issue column to give;
        # get_issues raised 'No issues available for retrieval' (--issue-types non_iid on 8 rows, or label
        # on label sets where fewer than two labels vary: internal error, exit 70)
        return DatalabFindings(issues=pd.DataFrame(index=pd.RangeIndex(len(lab.data))), summary=lab.issue_summary,
                               info={}, report="", timings_s=timings)
    issues = lab.get_issues().reset_index(drop=True)
    if "near_duplicate" in set(lab.get_issue_summary()["issue_type"]):
        extra = lab.get_issues("near_duplicate").reset_index(drop=True)
        for column in ("near_duplicate_sets", "distance_to_nearest_neighbor"):
            if column in extra:
                issues[column] = extra[column].to_numpy()
        judged = lab.get_info("near_duplicate")
        if "terms_cut" in judged:  # --model tfidf: the distances are the terms', so is the row (engine/tfidf_confirm.py)
            issues["nearest_neighbor"] = np.asarray(judged["nearest_neighbor"], dtype=np.int64)
    issues = issues.drop(columns=["given_label", "predicted_label"], errors="ignore")
    summary = lab.get_issue_summary().reset_index(drop=True)
    info = {name: json_safe(lab.get_info(name)) for name in summary["issue_type"]}
    return DatalabFindings(issues=issues, summary=summary, info=info, report=_report(lab), timings_s=timings)


def json_safe(value: Any, *, max_items: int = 1_000) -> Any:
    """A JSON-serialisable copy of Datalab info: big arrays and matrices are dropped."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            converted = json_safe(item, max_items=max_items)
            if converted is not _DROP:
                out[str(key)] = converted
        return out
    if isinstance(value, (list, tuple)):
        if len(value) > max_items:
            return _DROP
        items = [json_safe(v, max_items=max_items) for v in value]
        return [v for v in items if v is not _DROP]
    if isinstance(value, np.ndarray):
        if value.ndim > 1 or value.size > max_items:
            return _DROP
        return json_safe(value.tolist(), max_items=max_items)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        number = float(value)
        return number if np.isfinite(number) else None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, pd.DataFrame) and len(value) <= max_items:
        return json_safe(value.to_dict(orient="list"), max_items=max_items)
    return _DROP


_DROP = object()
