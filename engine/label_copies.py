"""Rows whose exact text also appears under another label.

Identical texts are one input to the classifier, so it gives them one answer whatever their labels:
a text that appears under two labels gets at least one of its rows scored low. With a strong
classifier that row is often a wrong label (a copy flipped), but with a weak one, on short texts,
it is mostly honest ambiguity: a text that fits several labels. On banking77 test cut to its first
3 words (no wrong label), 1,772 of the 3,080 rows share their text with a row of another label, and
469 of the 698 rows flagged in bench/quality.py's cell (its folds; out-of-fold accuracy 0.22) are such
rows; `textaudit audit` on the same file (the app's folds: accuracy 0.21) flags 674, 468 of them such
rows (bench/README.md, session 23). The label check says how many of its flags these are
(engine/label_posterior.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def copied_under_other_labels(texts: Sequence[str], labels: np.ndarray,
                              null_mask: np.ndarray | None = None) -> np.ndarray:
    """Per row: another row has the very same text and a different label. Rows in ``null_mask``
    (an empty or missing text) are never counted: they share no text, they lack one."""
    labels = np.asarray(labels, dtype=np.int64)
    copies = np.zeros(len(labels), dtype=bool)
    if len(labels) < 2:
        return copies
    ids: dict[str, int] = {}  # a dict, not pandas: a lone surrogate breaks pandas' string hashing
    group = np.fromiter((ids.setdefault(text, len(ids)) for text in texts), dtype=np.int64, count=len(labels))
    if null_mask is not None:
        group[np.asarray(null_mask, dtype=bool)] = -1
    kept = group >= 0
    if np.bincount(group[kept], minlength=len(ids)).max(initial=0) < 2:  # every text once: nothing to compare
        return copies
    lowest = np.full(len(ids), np.iinfo(np.int64).max)
    highest = np.full(len(ids), np.iinfo(np.int64).min)
    np.minimum.at(lowest, group[kept], labels[kept])
    np.maximum.at(highest, group[kept], labels[kept])
    copies[kept] = (lowest != highest)[group[kept]]
    return copies
