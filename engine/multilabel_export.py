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


def plain_scalar(value: Any) -> Any:
    """A numpy scalar as plain Python; anything else as it is."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, TypeError):
            return value
    return value


def label_cells(dataset: Dataset, decisions: dict, changed: list[int]) -> tuple[list[Any], list[Any]]:
    """The ``label_before`` and ``label_after`` cells of the ``changed`` rows of a ``--corrections-only``
    table (engine/export.py), in the input's form: after is None where the row was excluded."""
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
    return before, after


def _plain(cell: Any) -> Any:
    """A cell as plain Python (a numpy array of labels as a list)."""
    if isinstance(cell, np.ndarray):
        return [plain_scalar(v) for v in cell.tolist()]
    return plain_scalar(cell)
