"""The multi-label audit: Datalab(task="multilabel") on out-of-fold per-label probabilities.

Issue types that apply to multi-label data: null, label, outlier, near_duplicate, non_iid
(cleanlab registers no class-imbalance or underperforming-group check for the task). They run
one at a time over the shared neighbour graph, as ``engine.audit.run_datalab`` does for
single-label data. Per row the issue frame also holds textaudit's suggestion, a set change:
``missing_labels`` (not given, out-of-fold probability >= ``THRESHOLD``) and ``extra_labels``
(given, probability under the label's own cut, ``drop_cuts``: half the label's mean probability on
the rows it is given on, so never over ``THRESHOLD``), class indices joined by spaces. The cut is the
label's own because the regression shrinks a small label toward its prior: on Debian debtags
(115 real tags) 58% of the given labels had p < 0.5 though the median per-label AUROC is 0.95,
and a flat 0.5 suggested dropping them wholesale (bench/README.md, Session 32 mlcut32).

``label_score`` is the row's weakest per-label agreement, min over labels of P(label's given
state): p_k for a given label, 1 - p_k for one not given. One wrong or missing label is enough
to make a set wrong, and the minimum keeps that one label's evidence whole, where Datalab's
default (an exponential moving average over the per-label scores) dilutes it. Datalab's own
score and flag stay beside it (``datalab_label_score``, ``datalab_is_label_issue``). The flag
``is_label_issue`` is Datalab's confident-learning verdict on textaudit's probabilities for the
rows that also have a suggested change (a label crossing its cut against the given set);
it is not a cut of ``label_score`` (engine/multilabel_managers.py says why;
bench/quality_multilabel.py has the figures behind these choices).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from engine.progress import ProgressFn

if TYPE_CHECKING:
    from engine.audit import DatalabFindings
    from engine.load import Dataset
    from engine.neighbours import NeighbourGraph
    from engine.stage_runner import StageRunner
    from engine.text_vectors import LazyVectors

MULTILABEL_ISSUE_TYPES = ("null", "label", "outlier", "near_duplicate", "non_iid")
THRESHOLD = 0.5
MULTILABEL_VERSION = 5  # part of the cache keys: bump when the probabilities or the scoring change (4: folds
# iteratively stratified over every label, engine/multilabel_folds.py; 5: every fold starts cold, leak40)
#: Part of the audit stage's key only (not predict's): 2, Datalab's check on the labels that vary
#: (multilabel_managers: a label on every row left the whole label check unchecked).
MULTILABEL_CHECK_VERSION = 6  # 3: a given label's 'likely wrong' cut is its own (drop_cuts); 4: rows with no text
# never flagged; 5: nor given a suggested change (``suggestions``' blank); 6: nor counted in the cuts or the estimate


def agreement(sets: Sequence[tuple[int, ...]], pred_probs: np.ndarray) -> np.ndarray:
    """(n, K): P(each label's given state) -- p_k where given, 1 - p_k where not."""
    from engine.multilabel import indicator

    given = indicator(sets, pred_probs.shape[1]).astype(bool)
    return np.where(given, pred_probs, 1.0 - pred_probs)


def label_scores(sets: Sequence[tuple[int, ...]], pred_probs: np.ndarray) -> np.ndarray:
    """textaudit's row score: the weakest per-label agreement (low = likely wrong)."""
    return agreement(sets, pred_probs).min(axis=1)


def drop_cuts(given: np.ndarray, pred_probs: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """(K,): per label, the probability under which a given label is likely wrong: half the label's
    mean probability over the rows it is given on, at most ``threshold`` (``threshold`` for a label
    given on no row). Measured on banking77-ML and Debian debtags, 5%/10% injected, seeds 0,1:
    fix rate up on all 8 cells (debtags 0.28-0.32 -> 0.41-0.44), AP unchanged, F1 equal or up, flags
    equal or fewer (bench/README.md, Session 32 mlcut32)."""
    count = given.sum(axis=0)
    total = np.where(given, pred_probs, 0.0).sum(axis=0, dtype=np.float64)
    mean = np.divide(total, count, out=np.full(given.shape[1], 2.0 * threshold), where=count > 0)
    return np.minimum(threshold, mean / 2.0)


def suggestions(sets: Sequence[tuple[int, ...]], pred_probs: np.ndarray, threshold: float = THRESHOLD,
                blank: np.ndarray | None = None) -> tuple[list[list[int]], list[list[int]]]:
    """Per row: labels likely missing (not given, p >= threshold) and likely wrong (given, p under the
    label's own cut, ``drop_cuts``), each ordered most confident first. A row in ``blank`` (no text)
    gets none: a label cannot be judged without a text (walk38: the demo's blank row offered '-card'), and its
    probabilities, the model's reading of nothing, are left out of the cuts (fix39b: banking77-ML with 1% of its
    texts blanked, p 0.12 on their given labels, lowered 57 labels' cuts by up to 0.016)."""
    from engine.multilabel import indicator

    given = indicator(sets, pred_probs.shape[1]).astype(bool)
    judged = np.ones((len(sets), 1), dtype=bool)
    if blank is not None and len(blank) == len(sets):
        judged = ~np.asarray(blank, dtype=bool)[:, None]
    missing_mask = (pred_probs >= threshold) & ~given & judged
    extra_mask = given & (pred_probs < drop_cuts(given & judged, pred_probs, threshold)) & judged
    missing: list[list[int]] = [[] for _ in range(len(sets))]
    extra: list[list[int]] = [[] for _ in range(len(sets))]
    for row in np.flatnonzero(missing_mask.any(axis=1) | extra_mask.any(axis=1)).tolist():
        probs = pred_probs[row]
        added = np.flatnonzero(missing_mask[row])
        dropped = np.flatnonzero(extra_mask[row])
        missing[row] = added[np.argsort(-probs[added], kind="stable")].tolist()
        extra[row] = dropped[np.argsort(probs[dropped], kind="stable")].tolist()
    return missing, extra


def members(cell: Any) -> list[int]:
    """Class indices stored in a ``missing_labels``/``extra_labels`` cell."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [int(part) for part in cell.split()]


def suggested_set(given: Sequence[int], missing: Sequence[int], extra: Sequence[int]) -> tuple[int, ...]:
    """The set the suggestion leads to."""
    return tuple(sorted((set(given) - set(extra)) | set(missing)))


def run_datalab_multilabel(
    sets: Sequence[tuple[int, ...]],
    pred_probs: np.ndarray,
    knn_graph: Any | None,
    *,
    null_mask: np.ndarray | None = None,
    features: np.ndarray | None = None,
    issue_types: Sequence[str] = MULTILABEL_ISSUE_TYPES,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    same_words: np.ndarray | None = None,
    terms: Any | None = None,
) -> DatalabFindings:
    """Datalab(task="multilabel") over the chosen issue types, with textaudit's label verdict
    (``same_words``: each row's group of texts of the same words, engine/same_words.py; ``terms``: ``--model
    tfidf``'s sparse TF-IDF rows, its near-duplicate pairs confirmed on them, engine/tfidf_confirm.py).

    textaudit's managers (engine/multilabel_managers.py) do the work inside Datalab; a check that
    fails becomes a note ("<type> not checked: <reason>"), as in ``engine.audit.run_datalab``."""
    from cleanlab import Datalab

    from engine.audit import collect_findings, find_each
    from engine.multilabel_managers import MultilabelRunContext, register_multilabel_managers

    register_multilabel_managers()
    lab = Datalab(data={"label": [list(s) for s in sets]}, label_name="label", task="multilabel", verbosity=0)
    run = MultilabelRunContext(labels=np.zeros(0, dtype=np.int64), pred_probs=pred_probs, sets=list(sets),
                               same_words=None if same_words is None else np.asarray(same_words, dtype=np.int64),
                               terms=terms)
    skipped = [t for t in issue_types if t not in MULTILABEL_ISSUE_TYPES]
    if skipped:
        run.notes.append(f"{', '.join(skipped)} not checked: Datalab has no multi-label check for it")
    todo = [t for t in issue_types if t in MULTILABEL_ISSUE_TYPES]
    timings = find_each(lab, run, todo, lambda issue_type: _KWARGS.get(issue_type, {}), n_rows=len(sets),
                        pred_probs=pred_probs, knn_graph=knn_graph, features=features, null_mask=null_mask,
                        progress=progress, cancel=cancel)
    output = collect_findings(lab, timings)
    if "label" in todo:
        missing, extra = suggestions(sets, pred_probs, blank=null_mask)
        output.issues["missing_labels"] = [" ".join(map(str, m)) for m in missing]
        output.issues["extra_labels"] = [" ".join(map(str, e)) for e in extra]
    output.notes = run.notes
    return output


_KWARGS: dict[str, dict[str, Any]] = {
    "outlier": {"metric": "cosine"}, "near_duplicate": {"metric": "cosine"}, "non_iid": {"metric": "cosine"},
    "label": {"n_jobs": 1},  # no multiprocessing pool forked from a process with threads
}


def run_multilabel(runner: StageRunner, dataset: Dataset, vectors: np.ndarray | LazyVectors, vector_key: str,
                   graph: NeighbourGraph | None, graph_key: str) -> tuple[np.ndarray, DatalabFindings]:
    """The predict and audit stages of ``engine.pipeline.run_audit`` for multi-label data (cached);
    ``vectors`` are read only if a stage computes with them."""
    from engine.cache import ArraySpec, make_key
    from engine.checks import audit_doubt, label_probs_doubt
    from engine.pipeline import PIPELINE_VERSION, package_version
    from engine.text_vectors import as_array

    options = runner.options
    skipped = [t for t in options.issue_types if t not in MULTILABEL_ISSUE_TYPES]
    options.issue_types = tuple(t for t in options.issue_types if t in MULTILABEL_ISSUE_TYPES)
    if skipped:
        runner.notes.append(f"{', '.join(skipped)} not checked: Datalab has no multi-label check for it")

    def predict():
        if runner.user_pred_probs is not None:  # --pred-probs: the user's per-label probabilities, as given
            from engine.cache import array_hash
            from engine.checks import label_set_probs_note

            runner.hits["predict"] = True
            if note := label_set_probs_note(runner.user_pred_probs, dataset.label_sets, [str(c) for c in dataset.class_names]):
                runner.notes.append(note)
            return runner.user_pred_probs.astype(np.float32, copy=False), "pred_probs:" + array_hash(runner.user_pred_probs)
        parts = {"vectors": vector_key, "labels": dataset.label_hash(), "folds": options.folds, "C": options.C,
                 "seed": options.seed, "graph": graph.method if graph is not None else None,
                 "sklearn": package_version("scikit-learn"), "v": PIPELINE_VERSION, "ml_v": MULTILABEL_VERSION}
        key = make_key(parts)

        def compute() -> tuple[np.ndarray, list[str]]:
            from engine.multilabel_predict import cross_val_label_probs

            result = cross_val_label_probs(
                as_array(vectors), dataset.label_sets, dataset.n_classes, folds=options.folds, C=options.C,
                seed=options.seed, neighbours=graph.indices if graph is not None else None,
                progress=runner.stage_progress("predict"), cancel=runner.cancel)
            return result.pred_probs, result.notes

        pred_probs, _ = runner.cached(
            "predict", "pred_probs", key, compute=compute,
            files=lambda result: ({"pred_probs.npy": result[0]}, {"notes": result[1]}),
            restore=lambda cached: (cached["pred_probs"], []), doubt=label_probs_doubt,
            arrays={"pred_probs": ArraySpec("float32", (len(dataset), dataset.n_classes))})
        return pred_probs, key

    pred_probs, pred_key = runner.timed("predict", predict)

    def audit() -> DatalabFindings:
        from engine.audit import CHECKS_VERSION, findings_files, restored_findings
        from engine.cache import array_hash
        from engine.order_words import ORDER_VERSION
        from engine.same_words import same_words_groups
        from engine.tfidf_confirm import tfidf_terms

        parts = {"vectors": vector_key, "pred_probs": pred_key, "graph": graph_key, "labels": dataset.label_hash(),
                 "issue_types": list(options.issue_types), "nulls": array_hash(dataset.text_is_null.astype(np.uint8)),
                 "cleanlab": package_version("cleanlab"), "v": PIPELINE_VERSION, "ml_v": MULTILABEL_VERSION,
                 "ml_check": MULTILABEL_CHECK_VERSION, "checks_v": CHECKS_VERSION,
                 **({"order_v": ORDER_VERSION} if "non_iid" in options.issue_types else {}),
                 # same_words reads the texts, which --features' key does not hold
                 **({"texts": dataset.text_hash()} if "near_duplicate" in options.issue_types
                    and str(vector_key).startswith("features:") else {})}

        return runner.cached(
            "audit", "audit", make_key(parts), restore=lambda cached: restored_findings(cached, len(dataset)),
            compute=lambda: run_datalab_multilabel(
                dataset.label_sets, pred_probs, graph.to_csr() if graph is not None else None,
                null_mask=dataset.text_is_null, features=as_array(vectors), issue_types=options.issue_types,
                progress=runner.progress, cancel=runner.cancel,
                same_words=(same_words_groups(dataset.texts, dataset.text_is_null)
                            if "near_duplicate" in options.issue_types else None),
                terms=tfidf_terms(dataset.texts, options, vector_key, kept=runner.terms)),
            files=findings_files, doubt=functools.partial(audit_doubt, n_rows=len(dataset)))

    output = runner.timed("audit", audit)
    return pred_probs, output



def table_columns(table: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """``engine.result.issue_table`` for label sets: given and suggested sets, missing and extra
    labels, each a list of label names (written as lists, or as JSON text in CSV/TSV)."""
    names = dataset.class_names
    sets = dataset.label_sets
    missing = [members(v) for v in table["missing_labels"]] if "missing_labels" in table else [[] for _ in sets]
    extra = [members(v) for v in table["extra_labels"]] if "extra_labels" in table else [[] for _ in sets]
    table["given_label"] = [[names[i] for i in s] for s in sets]
    table["predicted_label"] = [[names[i] for i in suggested_set(s, m, e)] for s, m, e in zip(sets, missing, extra)]
    table["missing_labels"] = [[names[i] for i in m] for m in missing]
    table["extra_labels"] = [[names[i] for i in e] for e in extra]
    return table.rename(columns={"given_label": "given_labels", "predicted_label": "suggested_labels"})
