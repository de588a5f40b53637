"""Small classes the classifier under-predicts, lifted to their label frequency before self-confidence ranks them.

A class of a few rows trains on fewer still in each out-of-fold split, so a regularised classifier can give it
less probability in total than it has rows: its rows' self-confidence then sits on a lower scale than the
other classes' and its honest rows rank among the flips. Calibration in the large (the maximum-likelihood
shift of a class's intercept: its probabilities scaled by ``n_c / sum_i p_ic``, rows renormalised) puts it
back on the common scale. Only the rows given such a class take the lifted score (every other row keeps
Datalab's own self-confidence), only classes under ``min_rows`` rows, and only upwards:

- a class the classifier learned (``min_rows`` rows or more) keeps its probabilities: on bench/quality.py's
  balanced weak-vector set (banking77 ``+proj10``, factors 0.78-1.24) scaling every class cost 0.015-0.028 AP
  at 0.5-1% flips (bench/README.md, session 13);
- a small class it *over*-predicts (more probability in total than rows: a weak classifier's spread) keeps
  its probabilities too. Its own rows are under-predicted all the same (their mean probability of the class
  at most 0.05 on bench/quality.py's fine50 ``+proj8`` / ``+proj10``, 0.016-0.04 on the tests' weak
  synthetic); 98-100% of its mass lies on rows of other classes, so the factor says where those rows' spread
  goes, not what its own rows deserve, and scaling them down is a guess either way: on the real weak sets it
  helped (best scale 0.25-0.5), on the synthetic whose spread sits on three sibling classes it cost 0.009 AP
  (best scale 1-1.5), at the same factor (0.3-0.47). Scaling up agrees with the class's own rows; on every
  under-predicted set measured (MiniLM and TF-IDF long-tail, fine50, zipf50; factors 1.5-5.2) AP still rose
  beyond the factor.
Figures: bench/README.md (quality matrix, session 14).
"""

from __future__ import annotations

import numpy as np

from engine.wording import counted


def lift_factors(labels: np.ndarray, probs: np.ndarray, min_rows: int) -> np.ndarray:
    """Per class: ``n_c / sum_i p_ic`` where a class has 1 to ``min_rows - 1`` rows and less probability in
    total than rows, else 1."""
    counts = np.bincount(labels, minlength=probs.shape[1]).astype(np.float64)
    mass = probs.sum(axis=0)
    factors = np.divide(counts, mass, out=np.ones_like(counts), where=mass > 0)
    return np.where((counts > 0) & (counts < min_rows) & (factors > 1.0), factors, 1.0)


def lifted(labels: np.ndarray, probs: np.ndarray, min_rows: int) -> tuple[np.ndarray, np.ndarray | None]:
    """``probs`` with the under-predicted small classes scaled by ``lift_factors``, rows renormalised, and a
    mask of the rows given one of those classes (``probs`` itself and None when no class is lifted)."""
    factors = lift_factors(labels, probs, min_rows)
    if np.all(factors == 1.0):
        return probs, None
    scaled = probs * factors
    return scaled / scaled.sum(axis=1, keepdims=True), factors[labels] > 1.0


def lift_note(rows: int, classes: int, min_rows: int) -> str:
    """The note saying which rows' self-confidence is read on lifted probabilities."""
    return (f"label scores of the {counted(rows, 'row')} in {counted(classes, 'class', 'classes')} under {min_rows} "
            f"rows that the classifier under-predicts (less probability in total than rows): self-confidence on "
            f"probabilities scaled up to each such class's share of the labels (a class it barely learned is "
            f"otherwise ranked on a lower scale than the others)")
