"""Outlier rows that share nothing with any other row, flagged wherever Datalab's cut sits.

Datalab flags a row whose mean cosine distance to its k nearest rows is past Q3 + 1.7 IQR of every row's. A row with
nothing in common with any other (its vector at similarity 0 to each: an all-zero vector is at distance exactly 1.0
from every row) has a mean distance of 1.0, the lowest outlier score; but where the texts spread widely the cut lies
past 1.0 and no such row can reach it. With ``--model tfidf`` that is a text with no word TF-IDF reads ('w w w',
'?!', emoji: no word of two letters or more, an all-zero vector) or none another text has ('xxxx...':
engine/tfidf.py gives it a zero vector, where the SVD had given it a direction of its rounding, similarity 0.2-0.5
to its nearest row at 3k-100k rows): review36's 300-row file, score 0.296 (the lowest), cut at 1.035, not flagged;
banking77 test's six punctuation and emoji rows were flagged (its cut is under 1.0). Such a row is as far from the
others as the vectors can say, whatever the cut: it is flagged, its score kept, and a note says so. Ordinary rows (a
sentence-transformer's vectors: some similarity to every text) are never at similarity under 0.01 to all rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from engine.wording import counted_verb

#: A row whose cosine similarity to its nearest row is under this shares nothing with any row
ISOLATED_SIMILARITY = 0.01


#: The same on the sparse TF-IDF rows (engine/terms_neighbours.py): there a similarity is exactly 0 where no term is
#: shared and above it where one is (no SVD rounding to allow for), so a text sharing one common word is not 'alone'
ISOLATED_TERMS_SIMILARITY = 1e-6


def flag_isolated(issues: pd.DataFrame, info: dict[str, Any], null_mask: np.ndarray | None,
                  similarity: float = ISOLATED_SIMILARITY) -> tuple[pd.DataFrame, str | None]:
    """``issues`` with rows whose nearest row (Datalab's ``distance_to_nearest_neighbor``, cosine) is at distance
    over 1 - ``similarity`` flagged as outliers, scores unchanged, and a note naming them (None: none added).
    Rows with no text (``null_mask``) are left to the null check."""
    nearest = info.get("distance_to_nearest_neighbor")
    flag = "is_outlier_issue"
    if nearest is None or info.get("metric") != "cosine" or flag not in issues or len(nearest) != len(issues):
        return issues, None
    alone = np.asarray(nearest, dtype=np.float64) > 1.0 - similarity
    if null_mask is not None and len(null_mask) == len(alone):
        alone &= ~np.asarray(null_mask, dtype=bool)
    added = alone & ~issues[flag].to_numpy(dtype=bool)
    if not added.any():
        return issues, None
    issues = issues.copy()
    issues.loc[added, flag] = True
    rows = np.flatnonzero(added)
    shown = ", ".join(map(str, rows[:5].tolist())) + (" ..." if len(rows) > 5 else "")
    return issues, (f"outlier: {counted_verb(len(rows), 'row', 'share')} nothing with any other row (cosine "
                    f"similarity under {similarity:g} to each) and {'is' if len(rows) == 1 else 'are'} "
                    f"flagged though inside Datalab's cut (row{'s' if len(rows) > 1 else ''} {shown}): with --model "
                    "tfidf, no word of the text is in another text, or it has no word of two letters or more")
