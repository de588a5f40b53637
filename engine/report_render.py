"""The audit's printed forms (JSON summary, text report, Markdown) from a plain summary view.

A *view* is a JSON-safe dict: ``source``, ``n_rows``, ``n_classes``, ``issue_counts``,
``non_iid_p_value``, ``non_iid_z`` (engine/order_words.py), ``label_order`` (the labels' runs
test, engine/label_order.py; None where non-IID did not run or the rows hold label sets),
``imbalance_also`` (classes under Datalab's class-imbalance cut it leaves unflagged,
engine/imbalance_cut.py; ``cut_rows`` and ``classes`` [name, rows]; else None),
``label_estimate``, ``notes``, ``report`` (Datalab's report text) and ``label_names``
(``--label-names``: each class as the data spells it -> its name; else None).
``engine.result.summary_view`` makes one from an audit result; ``engine.result_index`` keeps
it on disk so a warm ``textaudit audit`` prints it without loading pandas. This module imports
nothing heavy for that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from engine.label_order import LabelOrder
from engine.order_words import report_verdict
from engine.terminal_cells import cells as cell_len  # as a terminal draws them: Mc 1 cell (Rich: 0)
from engine.wording import shown_name

VIEW_KEYS = ("source", "n_rows", "n_classes", "issue_counts", "non_iid_p_value", "non_iid_z", "label_order",
             "imbalance_also", "label_estimate", "notes", "report", "label_names", "pred_probs")


def summary_json(view: dict[str, Any], *, cache_hit: bool, stage_cache_hits: dict[str, bool],
                 timings_s: dict[str, float], notes: list[str]) -> dict[str, Any]:
    """The CLI's ``--format json`` object; with ``--label-names`` its ``label_names`` gives each class
    (as the data spells it, the issue table's ``given_label``) its name."""
    names = {"label_names": view["label_names"]} if view.get("label_names") else {}
    return {
        "source": view["source"],
        "n_rows": view["n_rows"],
        "n_classes": view["n_classes"],
        **names,
        "issue_counts": view["issue_counts"],
        "non_iid_p_value": view["non_iid_p_value"],
        "label_order": _label_order_json(view.get("label_order")),
        "class_imbalance_also_under": view.get("imbalance_also"),
        "label_estimate": view["label_estimate"],
        "pred_probs": view.get("pred_probs"),
        "cache_hit": cache_hit,
        "stage_cache_hits": stage_cache_hits,
        "timings_s": timings_s,
        "notes": notes,
    }


def report_text(view: dict[str, Any], notes: list[str]) -> str:
    """A plain-text report in the spirit of ``Datalab.report()``, plus textaudit's own header."""
    counts: dict[str, int | None] = view["issue_counts"]
    lines = [
        f"Dataset: {_one_line(view['source'])}  ({view['n_rows']:,} rows, {view['n_classes']} classes)",
        *filter(None, [names_line(view.get("label_names"))]),
        *([f"pred_probs: {view['pred_probs']}"] if view.get("pred_probs") else []),
        "",
        "Issues found (rows flagged per type):",
    ]
    width = max(len(name) for name in counts) if counts else 10
    for name, count in counts.items():
        lines.append(f"  {name:<{width}}  {_count(count):>7}{_non_iid_aside(view, name, count)}")
    estimate = view["label_estimate"]
    if estimate is not None:
        lines.append(f"\nLabel errors estimated: {estimate['estimated_label_issues']:,} "
                     f"(label_score: {estimate['label_score_method']}{_uncertain(estimate)})")
        if estimate.get("datalab_label_issues") is not None:  # what a notebook's Datalab flags
            lines.append(_datalab_flag(estimate))
        names = view.get("label_names") or {}
        lines += [_overlap(group, names, str) for group in estimate.get("overlapping_class_groups") or []]
    also = _imbalance_also(view)
    if also:
        lines.append(f"\n{also}")
    p_value = view["non_iid_p_value"]
    if p_value is not None:
        lines.append(f"\nNon-IID p-value: {p_value:.4g}  -> {_verdict(view, notes)}")
    for note in notes:
        lines.append(f"note: {note}")
    lines.extend(["", "Datalab report", "=" * 14, view["report"].rstrip()])
    return "\n".join(lines) + "\n"


def _one_line(name: object) -> str:
    """A file name on the report's one line: its line breaks and tabs escaped, as the terminal lines write them
    (the report keeps its own line breaks and tabs, so a name holding one split the 'Dataset:' line; review36)."""
    return str(name).replace("\n", "\\x0a").replace("\t", "\\x09")


def _verdict(view: dict[str, Any], notes: list[str]) -> str:
    """The words after 'Non-IID p-value: P': Datalab's p-value and z, and the labels' order; a
    'consistent' verdict points to the note on a length drift (engine/length_order.py) where there is one."""
    from engine.length_order import NOTE_HEAD

    verdict = report_verdict(view["non_iid_p_value"], view.get("non_iid_z"), LabelOrder.from_dict(view.get("label_order")))
    if verdict == "consistent with i.i.d." and any(note.startswith(NOTE_HEAD) for note in notes):
        return ("consistent with i.i.d. on the texts' neighbours, but the texts' length drifts with the row order "
                "(see the note)")
    return verdict


def _imbalance_also(view: dict[str, Any]) -> str:
    """'Class imbalance: also under Datalab's cut (3.8 rows), not flagged (it flags the rarest class
    only): activate_my_card 3 rows' (names by ``--label-names`` where given), or ''."""
    also = view.get("imbalance_also")
    if not also:
        return ""
    names = view.get("label_names") or {}
    shown = ", ".join(f"{shown_name(names.get(name, name))} {rows:,} row{'' if rows == 1 else 's'}"
                      for name, rows in also["classes"][:5])
    more = f" and {len(also['classes']) - 5:,} more" if len(also["classes"]) > 5 else ""
    return (f"Class imbalance: also under Datalab's cut ({also['cut_rows']:.1f} rows), not flagged (it flags "
            f"the rarest class only): {shown}{more}")


def _label_order_json(stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """``--format json``'s ``label_order``: the runs test's figures, ``verdict`` 'grouped' (the
    rows sorted or grouped by label), 'runs' (the labels run together: in rows ``first_row`` to
    ``last_row`` where not None), 'alternating' (far more label changes than chance: interleaved by
    label) or 'random'."""
    order = LabelOrder.from_dict(stored)
    if order is None:
        return None
    verdict = ("grouped" if order.grouped else "runs" if order.partly_grouped else "alternating" if order.alternating
               else "random")
    return {"verdict": verdict, "changes": order.changes, "expected": round(order.expected, 1),
            "z": round(order.z, 2), "first_row": order.first_row, "last_row": order.last_row}


def names_line(names: dict[str, str] | None) -> str:
    """The classes' names (``--label-names``) as a report's legend, in the option's own form:
    'Label names (...): 1=World,2=Sports'."""
    if not names:
        return ""
    return (f"Label names (--label-names; {_NAMES_KEPT}): "
            + ",".join(f"{shown_name(value)}={shown_name(name)}" for value, name in names.items()))


_NAMES_KEPT = "the data, journal and exported tables keep the values"


def uncertain_clause(weak: bool, estimated: int, see: str = "the notes") -> str:
    """A weak fit's count of label errors is uncertain (engine/label_signal.weak_note): the clause
    said beside the count, here and on the summary's health line (``see``: where the note is)."""
    return f"; uncertain: a weak fit to the labels, see {see}" if weak and estimated else ""


def _uncertain(estimate: dict[str, Any]) -> str:
    return uncertain_clause(bool(estimate.get("weak_classifier")), estimate["estimated_label_issues"])


def _datalab_flag(estimate: dict[str, Any]) -> str:
    """The line that sets Datalab's own label flag beside textaudit's."""
    return (f"Datalab's own label flag: {estimate['datalab_label_issues']:,} rows "
            "(the label rows below are textaudit's; its datalab_* columns are Datalab's)")


def _overlap(group: dict[str, Any], names: dict[str, str], draw: Callable[[str], str]) -> str:
    """A group of classes the model cannot tell apart, each class's name drawn by ``draw``."""
    classes = ", ".join(draw(shown_name(names.get(c, c))) for c in group["classes"])
    return (f"Classes the model cannot tell apart: {classes} ({group['rows']:,} rows; "
            f"{group['own_share']:.0%} assigned to their given class)")


def _count(count: int | None) -> str:
    """A flagged-row count as the reports print it; None: the check did not run (a note says why)."""
    return "not checked" if count is None else f"{count:,}"


def _non_iid_aside(view: dict[str, Any], name: str, count: int | None) -> str:
    """' (Datalab's count; the labels' order: see Non-IID below)' beside a 0 for non_iid where the
    labels' runs test finds the order not random: the table's 0 read as 'random' a few lines above
    'NOT i.i.d.' (ui27b)."""
    if name != "non_iid" or count != 0:
        return ""
    order = LabelOrder.from_dict(view.get("label_order"))
    return " (Datalab's count; the labels' order: see Non-IID below)" if order is not None and order.not_random else ""


def report_markdown(view: dict[str, Any], notes: list[str] | None = None) -> str:
    """The report as a Markdown note: what the text report says (the names' legend as a table,
    the label estimate, overlapping classes, the notes), then Datalab's report in a code block.
    Names and paths are code spans: a class named ``*urgent*`` or ``a|b`` stays itself."""
    counts: dict[str, int | None] = view["issue_counts"]
    lines = [f"# textaudit report: {md_code(view['source'])}", "",
             f"{view['n_rows']:,} rows, {view['n_classes']} classes", ""]
    if names := view.get("label_names"):
        lines += [f"Label names ({md_code('--label-names')}; {_NAMES_KEPT}):",
                  "", "| value | name |", "|---|---|"]
        lines += [f"| {md_cell(md_code(shown_name(value)))} | {md_cell(md_code(shown_name(name)))} |"
                  for value, name in names.items()]
        lines.append("")
    lines += ["| issue type | rows flagged |", "|---|---:|"]
    lines += [f"| {name} | {_count(count)}{_non_iid_aside(view, name, count)} |" for name, count in counts.items()]
    estimate = view["label_estimate"]
    if estimate is not None:
        lines += ["", f"Label errors estimated: **{estimate['estimated_label_issues']:,}** "
                      f"(label_score: {md_text(estimate['label_score_method'])}{_uncertain(estimate)})"]
        if estimate.get("datalab_label_issues") is not None:
            lines += ["", md_text(_datalab_flag(estimate))]
        for group in estimate.get("overlapping_class_groups") or []:
            lines += ["", _overlap(group, names or {}, md_code)]
    also = _imbalance_also(view)
    if also:
        lines += ["", md_text(also)]
    p_value = view["non_iid_p_value"]
    shown_notes = (view.get("notes") or []) if notes is None else notes
    if p_value is not None:
        lines += ["", f"Non-IID p-value: **{p_value:.4g}**: {_verdict(view, shown_notes)}"]
    if shown_notes:
        lines += ["", *(f"- note: {md_text(note)}" for note in shown_notes)]
    report = view["report"].rstrip()
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", report)), default=0))
    lines += ["", fence, report, fence]
    return "\n".join(lines) + "\n"


_MARKUP = re.compile(r"([\\`*_\[\]<>|~#])")  # what may start or end Markdown markup inside a line


def md_text(text: object) -> str:
    """Prose drawn as itself in Markdown: each character that could start markup escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def md_code(text: object) -> str:
    """``text`` as a code span: fenced by one backtick more than its longest run, padded where it
    starts or ends with one (CommonMark 6.1)."""
    text = " ".join(str(text).split("\n"))
    fence = "`" * (1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_cell(text: str) -> str:
    """A table cell's text: GFM splits cells on '|' even inside a code span."""
    return text.replace("|", "\\|")


#: Datalab's report columns and line that hold class indices (the audit hands Datalab each row's
#: class index, ``Dataset.labels``, or a label set of indices, so its label map is index -> index).
_LABEL_COLUMNS = ("given_label", "predicted_label")
_RAREST = "Rarest Class: "
_INDEX_LIST = re.compile(r"\[(?:\d+(?:, \d+)*)?\]")


_LONGEST_NAME = 80  # characters of a class name in Datalab's example tables


def _short(name: str) -> str:
    return name if len(name) <= _LONGEST_NAME else name[:_LONGEST_NAME - 1] + "\u2026"


def named_report(report: str, class_names: Sequence[Any]) -> str:
    """Datalab's report text with class names where it prints class indices: the example
    tables' ``given_label`` / ``predicted_label`` columns (an index, or a multi-label list of
    them; each such table redrawn, aligned as pandas does) and the ``Rarest Class:`` line. A
    table whose rows do not cut into exactly its columns, or a cell that is not a class index,
    is left as Datalab printed it: a doubtful table keeps its indices, never gets a wrong name."""
    # a name cut at _LONGEST_NAME: each table pads every line to its widest cell, so one label of
    # 100,000 characters (a text in the label column) made 12 lines of 100,000 characters each
    names = [_short(shown_name(name)) for name in class_names]

    def name_of(cell: str) -> str | None:
        if cell.isdigit():
            return names[int(cell)] if int(cell) < len(names) else None
        if _INDEX_LIST.fullmatch(cell):
            parts = [name_of(part) for part in cell[1:-1].split(", ") if part]
            return None if None in parts else "[" + ", ".join(parts) + "]"  # type: ignore[arg-type]
        return None

    lines = report.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        rarest = line[len(_RAREST):].strip() if line.startswith(_RAREST) else ""
        if rarest and name_of(rarest) is not None and rarest.isdigit():
            out.append(_RAREST + str(name_of(rarest)))
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        table = _named_table(line, lines[i + 1:end], name_of) if line.startswith(" ") else None
        if table is None:
            out.append(line)
            i += 1
        else:
            out.extend(table)
            i = end
    return "\n".join(out)


def _named_table(header_line: str, row_lines: list[str], name_of) -> list[str] | None:
    """A pandas-printed table (index, right-aligned columns) redrawn with its label columns named;
    None when it has no label column or does not cut cleanly into its columns."""
    header = header_line.split()
    at = [header.index(column) + 1 for column in _LABEL_COLUMNS if column in header]
    if not at or not row_lines:
        return None
    ends, position = [], 0
    for column in header:
        position = header_line.index(column, position) + len(column)
        ends.append(position)
    rows = []
    for line in row_lines:
        index = line.split(maxsplit=1)[0]
        starts = [len(index)] + ends[:-1]
        cells = [index] + [line[start:end].strip() for start, end in zip(starts, ends)]
        if line[ends[-1]:].strip() or not all(cells) or " ".join(cells).split() != line.split():
            return None  # a cell wider than its column, or one cut in two
        named = [name_of(cells[j]) for j in at]
        if None in named:
            return None
        for j, name in zip(at, named):
            cells[j] = name
        rows.append(cells)
    return _aligned([""] + header, rows)


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    """A table as pandas prints one: the index left-aligned, every column right-aligned, two spaces apart, each cell
    padded by the cells a terminal draws it in (engine/terminal_cells: Rich's cell_len counted a Hindi or Tamil vowel
    sign as 0 cells, so a column of such names ended 1-3 cells apart by row)."""
    table = [header, *rows]
    widths = [max(cell_len(row[j]) for row in table) for j in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0] + " " * (widths[0] - cell_len(row[0]))]
        cells += [" " * (widths[j] - cell_len(cell)) + cell for j, cell in enumerate(row) if j]
        return "  ".join(cells)

    return [line(row) for row in table]
