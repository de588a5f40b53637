"""The last steps of a label score, after its path is chosen (engine/label_posterior.py's ``score_labels``):
on the self-confidence paths the sharpened ranking (engine/sharp_ranking.py) and the lift of small classes the
classifier under-predicts (engine/class_lift.py); on every path the two-way contest of the rows of tiny classes.
Kept apart so that a score can be finished as either path (engine/pair_backing.py pools the two)."""

from __future__ import annotations

import numpy as np

from engine.class_lift import checked_lift, lift_note
from engine.noise_matrix import TINY_CLASS_ROWS
from engine.sharp_ranking import sharpened_ranking
from engine.wording import counted


def finished_score(labels: np.ndarray, probs: np.ndarray, q: np.ndarray, score: np.ndarray, method: str,
                   posterior_noise: np.ndarray, tiny_rows: np.ndarray, diagnostics: dict, notes: list[str]) -> np.ndarray:
    """``score`` (the path's: self-confidence or the posterior, per ``method``) finished; notes and diagnostics
    of the steps that ran are added to ``notes`` / ``diagnostics``."""
    import engine.label_posterior as lp

    # self-confidence: on the sharpened probabilities where they find simulated flips better (engine/sharp_ranking.py);
    # the rows of small classes the classifier under-predicts, lifted (engine/class_lift.py)
    own, score = (sharpened_ranking(labels, probs, q, score, lp.MIN_STRUCTURE_Z, diagnostics, notes)
                  if method == "self-confidence" else (probs, score))
    # (not where simulated flips rank clearly worse with the lift, tiny classes aside: the contest below)
    # (a class the classifier itself gives as much probability as rows is not lifted: the sharpening shrank it)
    ranked, lifted_rows = (checked_lift(labels, own, lp.MIN_ROWS_PER_CLASS, lp.MIN_STRUCTURE_Z, diagnostics, notes,
                                        learned=probs) if method == "self-confidence" else (probs, None))
    if lifted_rows is not None:
        score = np.where(lifted_rows, ranked[np.arange(len(labels)), labels], score)
        diagnostics["lifted_classes"] = int(len(np.unique(labels[lifted_rows])))
        notes.append(lift_note(int(lifted_rows.sum()), diagnostics["lifted_classes"], lp.MIN_ROWS_PER_CLASS))
    if tiny_rows.any():  # a class the classifier barely saw: the path's score on the two-way contest
        contest = lp.two_way_contest(labels[tiny_rows], own[tiny_rows], lp.class_thresholds(labels, own))
        mine = lifted_rows[tiny_rows] if lifted_rows is not None else None
        if mine is not None and mine.any():  # the rows of a lifted class: the contest on its lifted probabilities
            lifted_tiny = np.flatnonzero(tiny_rows)[mine]
            contest[mine] = lp.two_way_contest(labels[lifted_tiny], ranked[lifted_tiny], lp.class_thresholds(labels, ranked))
        score = score.copy()
        score[tiny_rows] = (lp.label_posterior(labels[tiny_rows], contest, noise=posterior_noise)
                            if method == "noise-aware posterior"
                            else contest[np.arange(len(contest)), labels[tiny_rows]])
        notes.append(f"label scores of the {counted(int(tiny_rows.sum()), 'row')} in classes under {TINY_CLASS_ROWS} "
                     f"rows: their label against each row's likeliest other class only, unless that class is sure "
                     f"(the classifier barely saw those classes, so it gives their label little probability whether "
                     f"it is right or not)")
    return score
