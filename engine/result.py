"""Views of an audit result: the per-row issue table, counts, the JSON summary, the report."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pandas as pd

from engine import report_render
from engine.order_words import recorded_z
from engine.pipeline import AuditResult


def issue_counts(result: AuditResult) -> dict[str, int | None]:
    """Flagged rows per issue type asked for, zero included, in the order the types ran; None for
    a type that was not checked (its check failed, and a note says why): not a count of 0."""
    summary = result.output.summary.set_index("issue_type")
    return {
        name: int(summary.loc[name, "num_issues"]) if name in summary.index else None
        for name in result.options.issue_types
    }


def non_iid_p_value(result: AuditResult) -> float | None:
    """The non-IID test's p-value (None when non_iid did not run)."""
    info = result.output.info.get("non_iid") or {}
    value = info.get("p-value")
    return None if value is None else float(value)


def non_iid_z(result: AuditResult) -> float | None:
    """How far the order's statistic lies past the non-IID test's random orders, in their SDs
    (engine/order_words.py; None when not recorded)."""
    return recorded_z(result.output.info)


def labels_order(result: AuditResult) -> dict[str, Any] | None:
    """The labels' runs test in file order (engine/label_order.py) as a dict, where the non-IID
    check ran on single labels (None elsewhere)."""
    from engine.label_order import label_order

    if non_iid_p_value(result) is None or result.dataset.is_multilabel:
        return None
    return label_order(result.dataset.labels).to_dict()


def imbalance_also(result: AuditResult) -> dict[str, Any] | None:
    """The classes under Datalab's class-imbalance cut that it leaves unflagged (engine/imbalance_cut.py):
    ``cut_rows`` and ``classes``, [name, rows] rarest first; None where the check did not run on single
    labels or no other class is under the cut."""
    from engine.imbalance_cut import classes_under_cut

    info = result.output.info.get("class_imbalance") or {}
    flags = result.output.issues.get("is_class_imbalance_issue")
    if result.dataset.is_multilabel or flags is None:
        return None
    labels = np.asarray(result.dataset.labels)
    cut, under = classes_under_cut(labels, result.dataset.n_classes, flags.to_numpy(), info.get("threshold"))
    if not under:
        return None
    counts = np.bincount(labels, minlength=result.dataset.n_classes)
    return {"cut_rows": round(cut, 2),
            "classes": [[str(result.dataset.class_names[c]), int(counts[c])] for c in under]}


def label_estimate(result: AuditResult) -> dict[str, Any] | None:
    """How many label errors the label check estimates, how it scored them, and the noise
    estimate's diagnostics (None when the label check did not run)."""
    info = result.output.info.get("label") or {}
    if "estimated_label_issues" not in info:
        return None
    issues = result.output.issues
    # Datalab's own flag beside textaudit's (the TUI's summary says both): what a notebook's
    # get_issues('label') marks is_label_issue
    datalab = ({"datalab_label_issues": int(issues["datalab_is_label_issue"].sum())}
               if "datalab_is_label_issue" in issues else {})
    classes = result.dataset.class_names
    return {
        "estimated_label_issues": info["estimated_label_issues"],
        "label_score_method": info.get("label_score_method"),
        **datalab,
        **(info.get("label_score_diagnostics") or {}),
        # classes the model cannot tell apart, by the names the data gives them (engine/class_overlap.py)
        "overlapping_class_groups": [{**group, "classes": [classes[c] for c in group["classes"]]}
                                for group in info.get("overlapping_class_groups") or []],
        # rows among the lowest label_score left unflagged: a tiny class's share (engine/flag_order.py)
        **({"label_rows_passed_over": int(_flag_order(result).passed_over.sum())} if "is_label_issue" in issues
           and not result.dataset.is_multilabel else {}),
        # labels that read as parents of others, by name (engine/parent_labels.py)
        "parent_like_classes": [{**found, "class": classes[found["class"]],
                                 "children": [classes[c] for c in found["children"]]}
                                for found in info.get("parent_like_classes") or []],
    }


def _flag_order(result: AuditResult) -> Any:
    """Where the label flags leave label_score's order (engine/flag_order.py)."""
    from engine.flag_order import FlagOrder

    issues = result.output.issues
    return FlagOrder.of(result.dataset.labels, issues["label_score"].to_numpy(), issues["is_label_issue"].to_numpy())


def issue_table(result: AuditResult, rows: np.ndarray | None = None,
                label_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per data row: id, text, given/predicted label names and every issue column.

    ``rows``: the data file's row of each audited row (``audit --apply-journal`` audits the data
    without its excluded rows); ``row`` and the near-duplicate sets count the file's rows.
    ``label_names`` (``--label-names``: each class as the data spells it -> its name): the labels stay
    the data's values, and ``given_label_name`` / ``predicted_label_name`` follow them.
    ``is_overlapping_class`` (when the label check ran): the row's given class is in a group the
    model cannot tell apart (engine/class_overlap.py), the rows the TUI's "Overlapping classes" lists.
    ``label_flag_note``: why a row among the lowest label_score is not flagged, or a higher-scored one is (a class
    under 10 rows gets at most its share of the flags, engine/flag_order.py); empty where the flag follows the score."""
    dataset = result.dataset
    at = np.arange(len(dataset)) if rows is None else np.asarray(rows, dtype=np.int64)
    names = np.asarray(dataset.class_names, dtype=object)
    issues = result.output.issues
    table = pd.DataFrame(
        {
            "row": at,
            # object dtype: pandas' Arrow-backed strings reject lone surrogates, which JSON input
            # allows in texts, ids and labels
            # no --id-column: empty, not the row number again (joined on a data column 'id', row
            # numbers matched the wrong rows without a word)
            "id": pd.Series(dataset.ids if dataset.id_column is not None else [None] * len(dataset), dtype=object),
            "text": pd.Series(dataset.texts, dtype=object),
            "given_label": pd.Series(names[dataset.labels], dtype=object),
            "predicted_label": pd.Series(names[np.argmax(result.pred_probs, axis=1)], dtype=object),
        }
    )
    if label_names is not None:
        for place, column in ((4, "given_label"), (6, "predicted_label")):  # a class the journal added, unnamed: its value
            table.insert(place, f"{column}_name", table[column].map(lambda value: label_names.get(value, value)))
    for column in issues.columns:
        if column == "near_duplicate_sets":
            table[column] = [[int(at[x]) for x in v] if v is not None else [] for v in issues[column]]
        elif column == "nearest_neighbor":  # --model tfidf's nearest row on the terms (-1: none), a file row as above
            nearest = issues[column].to_numpy(dtype=np.int64)
            table[column] = np.where(nearest >= 0, at[np.maximum(nearest, 0)], -1)
        else:
            table[column] = issues[column].to_numpy()
    groups = (result.output.info.get("label") or {}).get("overlapping_class_groups")
    if groups is not None and not dataset.is_multilabel:  # the label check ran
        table["is_overlapping_class"] = np.isin(dataset.labels, [c for group in groups for c in group["classes"]])
        # why a flag leaves label_score's order: a tiny class's share of the flags (engine/flag_order.py)
        table["label_flag_note"] = _flag_order(result).notes(dataset.labels)
    if result.graph is not None and "distance_to_nearest_neighbor" not in table:
        table["distance_to_nearest_neighbor"] = result.graph.distances[:, 0]
    if dataset.is_multilabel:  # label sets: given and suggested sets, missing and extra labels by name
        from engine.multilabel_audit import table_columns

        table = table_columns(table, dataset)
    if rows is None and dataset.index is not None:  # a caller's DataFrame: keyed as its rows
        table.index = dataset.index
    return table


def id_column_hint(dataset: Any, what: str = "--issues-out", empty: bool = True) -> str | None:
    """Said with a table written without ``--id-column`` (``what``: the issue table, a corrections-only
    export) when the data has a column named like an id: the table's id column is empty (``empty``)
    or left out."""
    from engine.paths import shell_word

    if dataset is None or dataset.id_column is not None:
        return None
    named = [c for c in dataset.frame.columns if str(c).strip().lower() in ("id", "ids", "_id", "uid", "row_id")]
    if not named:
        return None
    has = "its id column is empty" if empty else "it has no id column"
    return (f"{what}: {has} (no --id-column); pass --id-column {shell_word(str(named[0]))} to carry "
            "the data's ids (the row column counts rows from 0)")


def pred_probs_source(result: AuditResult) -> str | None:
    """What the pred_probs came from where two views were pooled ('all-MiniLM-L6-v2 + TF-IDF view
    (weight 0.20)', engine/second_view.py), else None (one view: the model's, as always)."""
    weight = getattr(result, "view_weight", None)
    if weight is None:
        return None
    from engine.embed_model import resolve_model_name
    from engine.second_view import view_line

    return view_line(resolve_model_name(result.options.model), weight)


def summary_view(result: AuditResult, names: dict[str, str] | None = None) -> dict[str, Any]:
    """What the printed forms show, as a JSON-safe dict (engine/report_render.py). Its notes
    are those every audit of the same data and options gives: this run's own (cache events,
    vectors reused from earlier audits) are left out. ``names`` (``--label-names``): each class
    as the data spells it -> the name the report shows it by."""
    from engine.audit import json_safe

    own = set(result.run_notes)
    return json_safe({
        "source": result.dataset.source,
        "n_rows": len(result.dataset),
        "n_classes": result.dataset.n_classes,
        "issue_counts": issue_counts(result),
        "non_iid_p_value": non_iid_p_value(result),
        "non_iid_z": non_iid_z(result),
        "label_order": labels_order(result),
        "imbalance_also": imbalance_also(result),
        "label_estimate": label_estimate(result),
        "notes": [note for note in result.notes if note not in own],
        "report": report_render.named_report(result.output.report, [
            names.get(c, c) for c in result.dataset.class_names] if names else result.dataset.class_names),
        "label_names": names or None,
        "pred_probs": pred_probs_source(result),
    }, max_items=sys.maxsize)


def summary_json(result: AuditResult, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The CLI's ``--format json`` object."""
    return report_render.summary_json(summary_view(result, names), cache_hit=result.cache_hit,
                                      stage_cache_hits=result.stage_cache_hits, timings_s=result.timings_s,
                                      notes=result.notes)


def report_text(result: AuditResult, names: dict[str, str] | None = None) -> str:
    """A plain-text report in the spirit of ``Datalab.report()``, plus textaudit's own header."""
    return report_render.report_text(summary_view(result, names), result.notes)


def report_markdown(result: AuditResult, names: dict[str, str] | None = None) -> str:
    """The report as a Markdown note."""
    return report_render.report_markdown(summary_view(result, names), result.notes)
