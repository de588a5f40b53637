"""Whether the texts' length drifts with the row order: a note beside the non-IID check.

Datalab's non-IID test reads the order off the vectors, which carry a text's length only partly.
A file ordered by length with noise (key = length rank + N(0, sigma), probe28) was found at every
sigma on banking77 test, but on AG News test at a Spearman correlation of 0.26 between row number
and length (sigma 1.0) Datalab's p-value was 0.10: a drift a split by position would carry (the
first tenth's median length vs the last's) went unsaid. Clean files: |rho| 0.004-0.048 (banking77
and AG News, in file order and shuffled; the demo 0.014).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: The note speaks where the rank correlation between row number and length is at least this
#: large (an effect, not only a significant one: at 1M rows a correlation of 0.01 is significant)
MIN_RHO = 0.1
#: ... and a random order would give one as large with a chance under this (normal approximation).
MAX_P = 1e-6
MIN_ROWS = 100
#: How the note starts (engine/report_render.py points to it from the Non-IID line).
NOTE_HEAD = "row order: the texts get "


def length_drift_note(texts: Sequence[str], null_mask: np.ndarray | None = None) -> str | None:
    """A note where longer (or shorter) texts come later in the file, else None."""
    from scipy.special import ndtr
    from scipy.stats import rankdata

    lengths = np.fromiter((len(text) for text in texts), dtype=np.float64, count=len(texts))
    if null_mask is not None:  # an empty text has no length to drift
        lengths = lengths[~np.asarray(null_mask, dtype=bool)]
    n = len(lengths)
    if n < MIN_ROWS or np.ptp(lengths) == 0:
        return None
    ranked = rankdata(lengths)
    rho = float(np.corrcoef(np.arange(n, dtype=np.float64), ranked)[0, 1])  # rows are already in order
    p = float(2 * ndtr(-abs(rho) * np.sqrt(n - 1)))
    if abs(rho) < MIN_RHO or p >= MAX_P:
        return None
    tenth = max(n // 10, 1)
    first, last = np.median(lengths[:tenth]), np.median(lengths[-tenth:])
    way = "longer" if rho > 0 else "shorter"
    return (f"{NOTE_HEAD}{way} down the file (rank correlation {rho:+.2f} between row and length; "
            f"median {first:,.0f} characters in the first tenth of rows, {last:,.0f} in the last): a split by "
            "position would differ in length; shuffle before splitting")
