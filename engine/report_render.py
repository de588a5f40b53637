"""The audit's printed forms (JSON summary, text report, Markdown) from a plain summary view.

A *view* is a JSON-safe dict: ``source``, ``n_rows``, ``n_classes``, ``issue_counts``,
``non_iid_p_value``, ``label_estimate``, ``notes`` and ``report`` (Datalab's report text).
``engine.result.summary_view`` makes one from an audit result; ``engine.result_index`` keeps
it on disk so a warm ``textaudit audit`` prints it without loading pandas. This module imports
nothing heavy for that reason.
"""

from __future__ import annotations

from typing import Any

VIEW_KEYS = ("source", "n_rows", "n_classes", "issue_counts", "non_iid_p_value", "label_estimate", "notes", "report")


def summary_json(view: dict[str, Any], *, cache_hit: bool, stage_cache_hits: dict[str, bool],
                 timings_s: dict[str, float], notes: list[str]) -> dict[str, Any]:
    """The CLI's ``--format json`` object."""
    return {
        "source": view["source"],
        "n_rows": view["n_rows"],
        "n_classes": view["n_classes"],
        "issue_counts": view["issue_counts"],
        "non_iid_p_value": view["non_iid_p_value"],
        "label_estimate": view["label_estimate"],
        "cache_hit": cache_hit,
        "stage_cache_hits": stage_cache_hits,
        "timings_s": timings_s,
        "notes": notes,
    }


def report_text(view: dict[str, Any], notes: list[str]) -> str:
    """A plain-text report in the spirit of ``Datalab.report()``, plus textaudit's own header."""
    counts: dict[str, int] = view["issue_counts"]
    lines = [
        f"Dataset: {view['source']}  ({view['n_rows']:,} rows, {view['n_classes']} classes)",
        "",
        "Issues found (rows flagged per type):",
    ]
    width = max(len(name) for name in counts) if counts else 10
    for name, count in counts.items():
        lines.append(f"  {name:<{width}}  {count:>7,}")
    estimate = view["label_estimate"]
    if estimate is not None:
        lines.append(f"\nLabel errors estimated: {estimate['estimated_label_issues']:,} "
                     f"(label_score: {estimate['label_score_method']})")
    p_value = view["non_iid_p_value"]
    if p_value is not None:
        verdict = "NOT i.i.d. (order matters: shuffle or check for drift)" if p_value < 0.05 else "consistent with i.i.d."
        lines.append(f"\nNon-IID p-value: {p_value:.4g}  -> {verdict}")
    for note in notes:
        lines.append(f"note: {note}")
    lines.extend(["", "Datalab report", "=" * 14, view["report"].rstrip()])
    return "\n".join(lines) + "\n"


def report_markdown(view: dict[str, Any]) -> str:
    """The report as a Markdown note: counts table, non-IID p-value, Datalab's report."""
    lines = [f"# textaudit report: {view['source']}", "",
             f"{view['n_rows']:,} rows, {view['n_classes']} classes", "",
             "| issue type | rows flagged |", "|---|---:|"]
    lines += [f"| {name} | {count:,} |" for name, count in view["issue_counts"].items()]
    p_value = view["non_iid_p_value"]
    if p_value is not None:
        lines += ["", f"Non-IID p-value: **{p_value:.4g}**"]
    lines += ["", "```", view["report"].rstrip(), "```"]
    return "\n".join(lines) + "\n"
