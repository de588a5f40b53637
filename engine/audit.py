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

ISSUE_TYPES = (
    "null",
    "label",
    "outlier",
    "near_duplicate",
    "non_iid",
    "class_imbalance",
    "underperforming_group",
)
ProgressFn = Callable[[int, int, str], None]
# part of the predict and audit cache keys: bump when pred_probs or the label scoring change
# (2: trust-weighted kNN votes, noise-aware label posterior; 5: guarded posterior, flags = estimated count)
LABEL_VERSION = 5


@dataclass
class AuditOutput:
    """What Datalab found, in plain, cacheable form."""

    issues: pd.DataFrame
    summary: pd.DataFrame
    info: dict[str, Any]
    report: str
    timings_s: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # issue types Datalab could not check, and why


def parse_issue_types(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """Validate a comma-separated list (or sequence) of issue types; None means all seven."""
    if value is None or value == "" or value == "all":
        return ISSUE_TYPES
    names = [v.strip() for v in (value.split(",") if isinstance(value, str) else value)]
    names = [n.replace("-", "_") for n in names if n]
    unknown = [n for n in names if n not in ISSUE_TYPES]
    if unknown:
        raise UsageError(
            f"unknown issue type(s) {', '.join(unknown)}; choose from {', '.join(ISSUE_TYPES)}"
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
) -> AuditOutput:
    """Find the chosen issue types; ``null_mask`` marks rows whose text is empty or missing."""
    from cleanlab import Datalab

    labels = np.asarray(labels, dtype=np.int64)
    lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    timings: dict[str, float] = {}
    notes: list[str] = []
    todo = list(issue_types)
    for step, issue_type in enumerate(todo):
        if cancel is not None and cancel.is_set():
            raise Cancelled("audit cancelled")
        if progress is not None:
            progress(step, len(todo), issue_type)
        started = time.perf_counter()
        if issue_type == "null":
            _find_null(lab, labels, null_mask)
        else:
            kwargs: dict[str, Any] = {"issue_types": {issue_type: _issue_kwargs(issue_type)}}
            if pred_probs is not None:
                kwargs["pred_probs"] = pred_probs
            if knn_graph is not None:
                kwargs["knn_graph"] = knn_graph
            elif features is not None:
                kwargs["features"] = features
            # Datalab print()s a failing check to stdout and carries on: keep stdout clean
            # (it may be JSON) and turn the failure into a note instead of a silent zero
            with contextlib.redirect_stdout(io.StringIO()) as printed, warnings.catch_warnings(), \
                    _lean_non_iid_permutations():
                warnings.simplefilter("ignore")  # e.g. "too few examples": predict notes rare classes
                lab.find_issues(**kwargs)
            failure = _printed_failure(printed.getvalue(), issue_type)
            if failure:
                notes.append(f"{issue_type} not checked: {failure}")
            elif issue_type == "label" and pred_probs is not None:
                notes.extend(_rescore_labels(lab, labels, pred_probs))
        timings[issue_type] = round(time.perf_counter() - started, 3)
    if progress is not None:
        progress(len(todo), len(todo), "done")
    output = _collect(lab, timings)
    output.notes = notes
    return output


@contextlib.contextmanager
def _lean_non_iid_permutations():
    """Run Datalab's non-IID permutation test one permutation at a time.

    cleanlab's ``NonIIDIssueManager._permutation_test`` builds (permutations, N, k) int64
    arrays all at once: about 6 GB at 1M rows, the audit's peak memory. The replacement draws
    the same permutations in the same order and computes the same statistic, so the p-value is
    identical (tests/test_audit_memory.py); the patch is undone when the call returns.
    """
    from cleanlab.datalab.internal.issue_manager.noniid import NonIIDIssueManager

    original = NonIIDIssueManager._permutation_test
    NonIIDIssueManager._permutation_test = _permutation_test_one_at_a_time
    try:
        yield
    finally:
        NonIIDIssueManager._permutation_test = original


def _permutation_test_one_at_a_time(self, num_permutations) -> float:
    from scipy.stats import gaussian_kde

    if self.seed is not None:
        np.random.seed(self.seed)
    ks_stats = []
    for _ in range(num_permutations):
        perm = np.random.permutation(self.N)
        distances = np.abs(perm[:, None] - perm[self.neighbor_index_choices])
        ks_stats.append(self._get_statistics(distances)["ks"])
    return gaussian_kde(np.array(ks_stats)).integrate_box(self.statistics["ks"], 100)


def _printed_failure(printed: str, issue_type: str) -> str | None:
    """The reason in Datalab's ``Error in <type>: <reason>`` line, if it printed one."""
    prefix = f"Error in {issue_type}: "
    for line in printed.splitlines():
        if line.startswith(prefix):
            return line[len(prefix):].strip() or "unknown error"
    return None


def _issue_kwargs(issue_type: str) -> dict[str, Any]:
    if issue_type in ("outlier", "near_duplicate", "non_iid"):
        return {"metric": "cosine"}
    if issue_type == "label":
        # n_jobs=1: by default cleanlab forks a multiprocessing pool, which can deadlock in a
        # process that already runs threads (TUI workers, torch, pyarrow's allocator)
        return {"clean_learning_kwargs": {"find_label_issues_kwargs": {"n_jobs": 1}}}
    return {}


def _rescore_labels(lab, labels: np.ndarray, pred_probs: np.ndarray) -> list[str]:
    """Replace Datalab's ``label_score`` / ``is_label_issue`` by textaudit's label verdict.

    ``label_score`` is P(given label is right | x) from cleanlab's own noise estimate where that
    estimate can be trusted, else Datalab's own self-confidence (engine/label_posterior.py
    ``score_labels`` says which, and why); ``is_label_issue`` marks the lowest-scored rows, as
    many as label errors are estimated. Column names, the summary row (``num_issues`` recounted;
    ``score`` stays Datalab's overall label health estimate) and info (``num_label_issues``,
    ``average_label_quality``, plus ``estimated_label_issues``, ``label_score_method`` and the
    diagnostics) stay consistent with Datalab's. Returns notes for the user. Why: Datalab's
    self-confidence score and flags miss flips to a similar class, and over-flag when the
    classifier is weak; figures in bench/README.md (quality).
    """
    from engine.label_posterior import score_labels

    verdict = score_labels(labels, pred_probs)
    previous = lab.get_issues("label")
    issues = pd.DataFrame(
        {
            "is_label_issue": verdict.flags,
            "label_score": verdict.score,
            # Datalab's own verdict stays available, as the reference workflow shows it
            "datalab_is_label_issue": previous["is_label_issue"].to_numpy(),
            "datalab_label_score": previous["label_score"].to_numpy(),
        },
        index=previous.index,
    )
    info = dict(lab.get_info("label"))
    info.update(num_label_issues=int(verdict.flags.sum()), average_label_quality=float(verdict.score.mean()),
                estimated_label_issues=verdict.estimated_issues, label_score_method=verdict.method,
                label_score_diagnostics=verdict.diagnostics)
    summary = lab.get_issue_summary("label").reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "overwriting columns ...": that is the point
        lab.data_issues.collect_issues_from_issue_manager(
            _ReplacementManager("label", issues, summary, info)
        )
    return verdict.notes


class _ReplacementManager:
    """Adapter that hands ready results for one issue type to ``collect_issues``."""

    def __init__(self, issue_name: str, issues: pd.DataFrame, summary: pd.DataFrame, info: dict) -> None:
        self.issue_name, self.issues, self.summary, self.info = issue_name, issues, summary, info

    @classmethod
    def copy_of(cls, issue_name: str, source) -> _ReplacementManager:
        """Another Datalab's results for ``issue_name``."""
        return cls(issue_name, source.get_issues(issue_name),
                   source.get_issue_summary(issue_name).reset_index(drop=True), source.get_info(issue_name))


def _find_null(lab, labels, null_mask) -> None:
    """Null rows: Datalab's null check over a one-column marker that is NaN where text is missing."""
    from cleanlab import Datalab

    marked = np.zeros((len(labels), 1), dtype=np.float32)
    if null_mask is not None:
        marked[np.asarray(null_mask, dtype=bool)] = np.nan
    null_lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    null_lab.find_issues(features=marked, issue_types={"null": {}})
    # copy the null results into the main Datalab, as if its own manager had found them
    lab.data_issues.collect_issues_from_issue_manager(_ReplacementManager.copy_of("null", null_lab))


def _collect(lab, timings: dict[str, float]) -> AuditOutput:
    from cleanlab.datalab.internal.report import Reporter

    issues = lab.get_issues().reset_index(drop=True)
    if "near_duplicate" in set(lab.get_issue_summary()["issue_type"]):
        extra = lab.get_issues("near_duplicate").reset_index(drop=True)
        for column in ("near_duplicate_sets", "distance_to_nearest_neighbor"):
            if column in extra:
                issues[column] = extra[column].to_numpy()
    issues = issues.drop(columns=["given_label", "predicted_label"], errors="ignore")
    summary = lab.get_issue_summary().reset_index(drop=True)
    info = {name: json_safe(lab.get_info(name)) for name in summary["issue_type"]}
    reporter = Reporter(
        data_issues=lab.data_issues, task=lab.task, verbosity=1, show_all_issues=True
    )
    report = reporter.get_report(num_examples=5)
    return AuditOutput(issues=issues, summary=summary, info=info, report=report, timings_s=timings)


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
