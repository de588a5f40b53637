"""The classes under Datalab's class-imbalance cut that it leaves unflagged.

cleanlab's ``ClassImbalanceIssueManager`` flags the rows of the rarest class only (``argmin`` of
the class shares), and only where its share is under ``threshold`` (0.1) of an even share. A second
class under the same cut is flagged nowhere: banking77 test with four classes cut to 2, 3, 4 and 6
rows (2,935 rows, 77 classes: the cut is 3.8 rows) flagged the 2-row class, and the 3-row class
was named on no screen and in no report. The flag stays Datalab's; the words name the others.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def classes_under_cut(labels: np.ndarray, n_classes: int, flagged: np.ndarray,
                      threshold: Any) -> tuple[float, list[int]]:
    """(the cut in rows, the classes with rows under it that no flagged row belongs to, rarest
    first). ``flagged``: the class-imbalance flag per row. No cut (0.0, []) without a numeric
    ``threshold`` (the check did not run) or rows."""
    labels = np.asarray(labels)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not len(labels) or n_classes < 1:
        return 0.0, []
    counts = np.bincount(labels, minlength=n_classes)
    cut = float(threshold) * len(labels) / n_classes
    flagged_classes = set(np.unique(labels[np.asarray(flagged, dtype=bool)]).tolist())
    under = [c for c in np.argsort(counts, kind="stable").tolist() if 0 < counts[c] < cut and c not in flagged_classes]
    return cut, under
