"""The Non-IID screen's plot by position: classes numbered as they first appear, and its legend.

The runs test itself (label changes between consecutive rows against a random order, and where
the labels run together) is engine/label_order.py, which the reports use too.
"""

from __future__ import annotations

import numpy as np


def first_appearance_ranks(labels: np.ndarray) -> np.ndarray:
    """Each row's class numbered by when the class first appears in the file (0, 1, 2, ...).

    Plotted by position, grouped labels make a staircase whatever the classes' numbering or
    the blocks' order; a random order stays flat near the middle.
    """
    labels = np.asarray(labels)
    if not len(labels):
        return np.zeros(0, dtype=np.int64)
    classes, first = np.unique(labels, return_index=True)
    rank = np.empty(int(classes.max()) + 1, dtype=np.int64)
    rank[classes[np.argsort(first)]] = np.arange(len(classes))
    return rank[labels]


def appearance_legend(labels: np.ndarray, names: list[str], shown: int = 8) -> str:
    """Which class each number on the plot by position is: ``1 = World · 2 = Sports ...`` (the
    first ``shown`` as they appear). On AG News, labels 1-4, the plot's 1 was the label 3."""
    labels = np.asarray(labels)
    if not len(labels):
        return ""
    classes, first = np.unique(labels, return_index=True)
    met = classes[np.argsort(first)]
    def named(code: int) -> str:  # '1 = label 3', not '1 = 3', where the labels are numbers
        name = names[code]
        return f"label {name}" if name.lstrip("-").replace(".", "", 1).isdigit() else name

    parts = [f"{rank} = {named(int(code))}" for rank, code in enumerate(met[:shown].tolist(), start=1)]
    more = f" · ... ({len(met) - shown} more)" if len(met) > shown else ""
    return "On the plot: " + " · ".join(parts) + more
