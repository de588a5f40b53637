"""Do the texts predict the labels at all?

A label column the texts cannot predict (a wrong ``--label-column``, or labels unrelated to the
texts) still gets label flags, often most rows: every label disagrees with a classifier that
learned nothing. Such flags cannot tell a right label from a wrong one, so the audit says so.
Measured first by Cohen's kappa between the labels and the out-of-fold predictions (scikit-learn's):
agreement beyond what the two sets of class frequencies give by chance. Kappa reads only the argmax, so a
rare class the classifier never predicts scores 0 however well its probabilities rank it (rare40: ag_news,
1,980 rows of other classes and 20 of one, clean: kappa 0.000, yet the out-of-fold probability of the rare
class ranks its rows with AUC 0.97). Where kappa is under ``MIN_KAPPA``, the ranking decides: the mean over
classes of the one-vs-rest AUC of each class's out-of-fold probability (macro: a rare class counts as
much as a large one). The texts predict the labels where that mean is ``MIN_AUC`` or more and ``MIN_AUC_Z``
null standard deviations above 0.5 (each class's Mann-Whitney deviation, averaged over the classes: the
bound that holds however the classes' AUCs correlate; 20 rows of 2,000 need 0.70). Labels shuffled at
random rank at 0.5: the note stays.
"""

from __future__ import annotations

import numpy as np

from engine.wording import counted

NO_SIGNAL_START = "labels: the texts barely predict them"  # the note's start (engine/issue_managers orders by it)
MIN_KAPPA = 0.05  # below: the texts barely predict the labels (banking77 with its labels shuffled: 0.007)
MIN_AUC = 0.55  # unless the probabilities rank each class this well (kappa 0.05 on two balanced classes ~ AUC 0.535)
MIN_AUC_Z = 3.0  # and this far beyond what chance gives


def rank_signal(labels: np.ndarray, pred_probs: np.ndarray) -> tuple[float, float]:
    """The mean over classes (of the given labels, with rows outside them too) of the one-vs-rest AUC of
    the class's probability, and its z against 0.5 (the classes' mean null standard deviation)."""
    from scipy.stats import rankdata

    labels = np.asarray(labels, dtype=np.int64)
    probs = np.asarray(pred_probs, dtype=np.float64)
    aucs, sds = [], []
    for c in np.unique(labels):
        if c >= probs.shape[1]:
            continue
        mine = labels == c
        n1, n0 = int(mine.sum()), int(len(labels) - mine.sum())
        if n1 == 0 or n0 == 0:
            continue
        ranks = rankdata(probs[:, c])  # ties averaged: the Mann-Whitney U
        aucs.append((ranks[mine].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))
        sds.append(np.sqrt((n0 + n1 + 1) / (12.0 * n0 * n1)))
    if not aucs:
        return 0.5, 0.0
    auc = float(np.mean(aucs))
    return auc, float((auc - 0.5) / max(float(np.mean(sds)), 1e-12))


def label_signal(labels: np.ndarray, pred_probs: np.ndarray) -> dict[str, float]:
    """Out-of-fold accuracy, the accuracy chance alone gives with the same class frequencies, kappa, and
    where kappa is under ``MIN_KAPPA``, the ranking's mean AUC and its z (``rank_signal``)."""
    from sklearn.metrics import cohen_kappa_score

    labels = np.asarray(labels, dtype=np.int64)
    predicted = np.asarray(pred_probs).argmax(axis=1)
    n_classes = max(int(labels.max(initial=0)), int(predicted.max(initial=0))) + 1
    given = np.bincount(labels, minlength=n_classes) / max(len(labels), 1)
    guessed = np.bincount(predicted, minlength=n_classes) / max(len(labels), 1)
    same = bool(np.all(labels == predicted)) if len(labels) else True
    kappa = 1.0 if same else float(cohen_kappa_score(labels, predicted))
    signal = {"accuracy": float(np.mean(labels == predicted)) if len(labels) else 1.0,
              "chance_accuracy": float(given @ guessed), "kappa": kappa}
    if kappa < MIN_KAPPA:
        signal["auc"], signal["auc_z"] = rank_signal(labels, pred_probs)
    return signal


def barely_predicted(signal: dict[str, float]) -> bool:
    """Whether the texts barely predict the labels: kappa under ``MIN_KAPPA`` and the ranking no better."""
    if signal["kappa"] >= MIN_KAPPA:
        return False
    return not ("auc" in signal and signal["auc"] >= MIN_AUC and signal["auc_z"] >= MIN_AUC_Z)


def no_signal_note(signal: dict[str, float]) -> str | None:
    """The note for labels the texts barely predict, else None."""
    if not barely_predicted(signal):
        return None
    ranked = (f"; each class's out-of-fold probability ranks its rows at a mean AUC of {signal['auc']:.2f}, "
              f"where chance gives 0.50" if "auc" in signal else "")
    return (f"{NO_SIGNAL_START} (out-of-fold accuracy {signal['accuracy']:.2f}, where chance "
            f"alone gives {signal['chance_accuracy']:.2f}; Cohen's kappa {signal['kappa']:.3f}{ranked}): check that "
            f"--label-column names the labels. If it does, the label flags cannot tell a right label from a wrong one")


def weak_note(diagnostics: dict, n_classes: int, flags: np.ndarray, copies: np.ndarray | None,
              largest: float = 0.0) -> str | None:
    """The note on a weak fit's label flags, in plain words: a low score often means the text does not
    show its label, so the flags are candidates, not a count of errors; or the labels are mostly wrong
    (hostile23b: banking77 with 45-60% of labels flipped gets this note with flags 95% right), which the
    given labels alone cannot tell from the first (bench/README.md,
    session 23: banking77 test cut to 3 words, no wrong label: the bench cell flags 698 rows, 22.7%, at
    out-of-fold accuracy 0.22, `textaudit audit` 674 at 0.21); with ``copies``, how many flagged rows share their exact text with another label.
    ``largest``: the largest class's share of the rows, said where the classifier agrees with most
    labels: weak means little better than always naming that class ('weak ... agrees with 94%' of
    2 classes, 90% of them one class, read as a contradiction)."""
    flagged = int(flags.sum())
    if not flagged:
        return None
    accuracy = diagnostics["accuracy"]
    baseline = (f", where always naming the largest class would agree with {largest:.0%}"
                if accuracy >= 0.5 and largest > 0 else "")
    note = (f"label issues are uncertain: out-of-fold, the classifier agrees with {accuracy:.0%} of the given "
            f"labels, over {n_classes} classes{baseline}. Either the texts do not show their labels, and then a low "
            f"label score does not mean a wrong label, or many labels are wrong (a well-predicted dataset with "
            f"half its labels flipped reads so too). The {counted(flagged, 'flagged row')} are the likeliest "
            f"errors: read a sample before relabelling")
    shared = int(np.sum(flags & copies)) if copies is not None else 0
    if shared:
        note += (f". {shared:,} of them share their exact text with a row of another label ({int(copies.sum()):,} "
                 f"rows do): there the text alone cannot tell which label is right")
    return note
