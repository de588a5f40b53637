"""Export of multi-label decisions: changed sets written back in the input's own form.

A relabel's ``label_after`` is the set's canonical string (engine/multilabel.py); the cell written
is a list (of ints when the input's were ints) or the labels joined by the input's separator.
Rows without a relabel keep their original cell object untouched, so a round trip with no
decisions, or after undo, writes the file as it was.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from engine.load import Dataset
from engine.multilabel import cell_for, parse_display


def relabelled_column(dataset: Dataset, series: pd.Series, relabels: list[tuple[int, str]]) -> Any:
    """The label column with each ``(row, canonical set)`` written as a cell of the input's form."""
    names = dataset.class_names
    cells = series.to_numpy(dtype=object, copy=True)
    for row, label_after in relabels:
        cells[row] = cell_for(parse_display(label_after, names), dataset.classes, dataset.label_originals,
                              dataset.label_form, cells[row])
    if dataset.label_form.kind == "sep" and series.dtype != object:
        try:
            return pd.array(cells, dtype=series.dtype)
        except (TypeError, ValueError):
            pass
    return pd.Series(cells, dtype=object, name=series.name).array


def _scalar(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, TypeError):
            return value
    return value


def corrections_frame(dataset: Dataset, decisions: dict) -> pd.DataFrame:
    """Only the changed rows: row, id, text, label_before, label_after (cells of the input's form), action."""
    changed = sorted(row for row, d in decisions.items() if d.action in ("relabel", "exclude"))
    column = dataset.frame[dataset.label_column]
    before = [_plain(column.iloc[row]) for row in changed]
    after = []
    for row in changed:
        decision = decisions[row]
        if decision.action != "relabel":
            after.append(None)
            continue
        after.append(cell_for(parse_display(decision.label_after, dataset.class_names), dataset.classes,
                              dataset.label_originals, dataset.label_form, column.iloc[row]))
    return pd.DataFrame({
        "row": pd.array(changed, dtype="int64"),
        "id": [_scalar(dataset.ids[row]) if dataset.id_column is not None else None for row in changed],
        "text": pd.Series([dataset.texts[row] for row in changed], dtype=object),
        "label_before": pd.Series(before, dtype=object),
        "label_after": pd.Series(after, dtype=object),
        "action": [decisions[row].action for row in changed],
    })


def _plain(cell: Any) -> Any:
    """A cell as plain Python (a numpy array of labels as a list)."""
    if isinstance(cell, np.ndarray):
        return [_scalar(v) for v in cell.tolist()]
    return _scalar(cell)
