"""The re-audit's per-class table for label sets: a row counts under every label it carries.

``engine.review.audit_delta`` counts each resolved row under its class before and each
remaining or new row under its class after. A row of a multi-label dataset carries a set, so
here it counts once under each label of its set before (resolved) or after (remaining, new);
a row with an empty set counts under ``NO_LABEL``. The totals per issue type are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

NO_LABEL = "(no label)"


def _counts(mask: np.ndarray, sets: Sequence[tuple[int, ...]], names: Sequence[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in np.flatnonzero(mask).tolist():
        members = sets[row]
        for label in (str(names[i]) for i in members) if members else (NO_LABEL,):
            counts[label] = counts.get(label, 0) + 1
    return counts


def by_label(before: pd.DataFrame, after: pd.DataFrame, after_rows: np.ndarray,
             sets_before: Sequence[tuple[int, ...]], sets_after: Sequence[tuple[int, ...]],
             names_before: Sequence[Any], names_after: Sequence[Any]) -> dict[str, dict[str, dict[str, int]]]:
    """Per issue type and label: rows resolved (by the set before), remaining and new (by the set
    after). ``after_rows[i]`` is the original row of corrected row ``i``, as for ``audit_delta``."""
    from engine.review import flags_before_after

    after_rows = np.asarray(after_rows, dtype=np.int64)
    n = len(before)
    sets_after_full: list[tuple[int, ...]] = [()] * n
    for corrected, original in enumerate(after_rows.tolist()):
        sets_after_full[original] = sets_after[corrected]
    tables: dict[str, dict[str, dict[str, int]]] = {}
    for name, was, now in flags_before_after(before, after, after_rows):
        table: dict[str, dict[str, int]] = {}
        for kind, mask, sets, names in (("resolved", was & ~now, sets_before, names_before),
                                        ("remaining", was & now, sets_after_full, names_after),
                                        ("new", ~was & now, sets_after_full, names_after)):
            for label, count in _counts(mask, sets, names).items():
                table.setdefault(label, {"resolved": 0, "remaining": 0, "new": 0})[kind] = count
        tables[name] = dict(sorted(table.items()))
    return tables


def use_label_sets(delta: dict[str, Any], before: pd.DataFrame, after: pd.DataFrame, after_rows: np.ndarray,
                   dataset: Any, corrected: Any) -> None:
    """Replace each issue type's ``by_class`` in ``delta`` with the per-label counts, and say so
    (``by_class_unit``: "label")."""
    tables = by_label(before, after, after_rows, dataset.label_sets, corrected.label_sets,
                      dataset.class_names, corrected.class_names)
    for name, entry in delta.items():
        entry["by_class"] = tables.get(name, {})
        entry["by_class_unit"] = "label"
