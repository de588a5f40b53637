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
Under-predicted is read on the classifier's own probabilities (``learned``) where the ranking reads sharpened ones
(engine/sharp_ranking.py): sharpening shrinks a small class the classifier gives a little probability on every row
below its share of the labels, and lifting it back raised the flips into it with its honest rows (the man pages'
index, MiniLM, uniform 2%, seeds 0 / 1: 7 tiny classes of 48 / 45 rows, 38 / 34 of them flips, over-predicted by
the classifier, lifted on the sharpened ranking: AP 0.798 / 0.783 against Datalab's 0.844 / 0.806; kept, 0.841 /
0.808; LABEL_VERSION 41, of the 389 cached runs of sessions 30-32 no other run's AP or F1 moved). The check below
still reads every class the sharpened ranking under-predicts (checking fewer leaves it too few simulated flips into
them to tell).
Whether the lift ranks better is then checked on the data itself, as engine/sharp_ranking.py checks the sharpened
probabilities: simulated random flips, each scored on the lifted probabilities where its label is a lifted class;
where they rank those rows clearly worse (paired z at most -3, ``-MIN_STRUCTURE_Z``) the lift is left off
(``lift_check``). On weak vectors (``+proj8/10``) the classifier barely learned the small classes either way, and the
lift raised the flips landing in them with their honest rows: on bench/quality.py's cached self-confidence runs with a
lifted class (session 18), lifting nothing ranked better on 22 of the 23 fine50 / zipf50 ``+proj8/10`` cells (by up to
0.069 AP) and 0.018-0.087 AP worse on MiniLM / TF-IDF long-tail, fine50 and zipf50. Classes under ``TINY_CLASS_ROWS``
rows keep the lift: their rows are scored on the two-way contest (engine/label_posterior.py), not on the lifted self-
confidence the simulation reads (the tests' 6-row class: the check read z -1.3 to -5.3, and left off, its honest rows
ranked among the lowest again). Over the 481 cached runs the check ran on 55 and left the lift off on 19, all but one
weak-vector runs: AP up to +0.010 a cell (fine50 ``+proj10``, 5% flips to a few classes: 0.660 -> 0.669), at most
0.0034 down; F1 a cell +0.025 to -0.009 (at most 2 flagged rows a run either way).
Figures: bench/README.md (quality matrix, sessions 14 and 18).
"""

from __future__ import annotations

import numpy as np

from engine.noise_matrix import TINY_CLASS_ROWS
from engine.wording import counted


def lift_factors(labels: np.ndarray, probs: np.ndarray, min_rows: int,
                 learned: np.ndarray | None = None) -> np.ndarray:
    """Per class: ``n_c / sum_i p_ic`` where a class has 1 to ``min_rows - 1`` rows and less probability in
    total than rows, else 1. ``learned``: the classifier's own probabilities where ``probs`` are read from them
    (the sharpened ranking); a class with as much probability there as rows keeps factor 1."""
    counts = np.bincount(labels, minlength=probs.shape[1]).astype(np.float64)
    mass = probs.sum(axis=0)
    factors = np.divide(counts, mass, out=np.ones_like(counts), where=mass > 0)
    lift = (counts > 0) & (counts < min_rows) & (factors > 1.0)
    if learned is not None:
        lift &= counts > learned.sum(axis=0)
    return np.where(lift, factors, 1.0)


def lifted(labels: np.ndarray, probs: np.ndarray, min_rows: int, skip: np.ndarray | None = None,
           learned: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """``probs`` with the under-predicted small classes scaled by ``lift_factors`` (``learned`` as there), rows
    renormalised, and a mask of the rows given one of those classes (``probs`` itself and None when no class is
    lifted); the classes in ``skip`` (a mask over classes) keep their probabilities."""
    factors = lift_factors(labels, probs, min_rows, learned)
    if skip is not None:
        factors = np.where(skip, 1.0, factors)
    if np.all(factors == 1.0):
        return probs, None
    scaled = probs * factors
    return scaled / scaled.sum(axis=1, keepdims=True), factors[labels] > 1.0


def checked_lift(labels: np.ndarray, probs: np.ndarray, min_rows: int, min_z: float, diagnostics: dict,
                 notes: list[str], learned: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """``lifted`` (``learned`` as in ``lift_factors``), checked on the data (``lift_check``): where simulated flips
    rank the lifted classes of ``TINY_CLASS_ROWS`` rows or more clearly worse (z at most ``-min_z``), those classes
    keep their probabilities and a note says so; smaller ones keep the lift (their score is the two-way contest)."""
    ranked, lifted_rows = lifted(labels, probs, min_rows)
    if lifted_rows is None:
        return ranked, lifted_rows
    from engine.sharp_ranking import DRAWS

    sized = np.bincount(labels, minlength=probs.shape[1]) >= TINY_CLASS_ROWS
    # the check reads every small class ``probs`` under-predicts, ``learned``'s too: checking fewer classes
    # simulates fewer flips into them, too few to tell on the tests' barely-learned classes
    gain, z, flips = lift_check(labels, probs, ranked, min_rows, sized)
    if flips:
        diagnostics.update(lift_gain=round(gain, 4), lift_z=round(float(np.clip(z, -1e6, 1e6)), 2))
    if flips and z <= -min_z:
        notes.append(unlift_note(gain, z, flips, DRAWS, TINY_CLASS_ROWS, min_rows))
        return lifted(labels, probs, min_rows, skip=sized, learned=learned)
    return lifted(labels, probs, min_rows, learned=learned) if learned is not None else (ranked, lifted_rows)


def lift_note(rows: int, classes: int, min_rows: int) -> str:
    """The note saying which rows' self-confidence is read on lifted probabilities."""
    return (f"label scores of the {counted(rows, 'row')} in {counted(classes, 'class', 'classes')} under {min_rows} "
            f"rows that the classifier under-predicts (less probability in total than rows): self-confidence on "
            f"probabilities scaled up to each such class's share of the labels (a class it barely learned is "
            f"otherwise ranked on a lower scale than the others)")


def lift_check(labels: np.ndarray, probs: np.ndarray, ranked: np.ndarray, min_rows: int,
               checked: np.ndarray) -> tuple[float, float, int]:
    """``simulated_gain`` (engine/sharp_ranking.py) of the lifted ranking over ``probs``': a simulated label of a lifted
    class in ``checked`` (a mask over classes) is read on ``ranked``, any other on ``probs``, as ``lifted``'s mask
    scores the real labels; (0, 0, 0) where no checked class is lifted."""
    from engine.sharp_ranking import simulated_gain

    columns = (lift_factors(labels, probs, min_rows) > 1.0) & checked
    if not columns.any():
        return 0.0, 0.0, 0
    return simulated_gain(labels, probs, np.where(columns, ranked, probs))


def unlift_note(gain: float, z: float, flips: int, draws: int, smallest: int, min_rows: int) -> str:
    """The note saying the lift was left off because simulated flips rank worse with it."""
    return (f"label scores: the under-predicted classes of {smallest} to {min_rows - 1} rows are not scaled up: with "
            f"{counted(flips, 'label')} set at "
            f"random {draws} times, self-confidence on the scaled probabilities found those rows worse (average "
            f"precision {gain:+.3f}, z {z:.1f}; the classifier barely learned those classes, so scaling them up raises "
            f"the flips into them with their honest rows)")
