"""Do the texts predict the labels at all?

A label column the texts cannot predict (a wrong ``--label-column``, or labels unrelated to the
texts) still gets label flags, often most rows: every label disagrees with a classifier that
learned nothing. Such flags cannot tell a right label from a wrong one, so the audit says so.
Measured by Cohen's kappa between the labels and the out-of-fold predictions (scikit-learn's):
agreement beyond what the two sets of class frequencies give by chance.
"""

from __future__ import annotations

import numpy as np

NO_SIGNAL_START = "labels: the texts barely predict them"  # the note's start (engine/issue_managers orders by it)
MIN_KAPPA = 0.05  # below: the texts barely predict the labels (banking77 with its labels shuffled: 0.007)


def label_signal(labels: np.ndarray, pred_probs: np.ndarray) -> dict[str, float]:
    """Out-of-fold accuracy, the accuracy chance alone gives with the same class frequencies, and kappa."""
    from sklearn.metrics import cohen_kappa_score

    labels = np.asarray(labels, dtype=np.int64)
    predicted = np.asarray(pred_probs).argmax(axis=1)
    n_classes = max(int(labels.max(initial=0)), int(predicted.max(initial=0))) + 1
    given = np.bincount(labels, minlength=n_classes) / max(len(labels), 1)
    guessed = np.bincount(predicted, minlength=n_classes) / max(len(labels), 1)
    same = bool(np.all(labels == predicted)) if len(labels) else True
    kappa = 1.0 if same else float(cohen_kappa_score(labels, predicted))
    return {"accuracy": float(np.mean(labels == predicted)) if len(labels) else 1.0,
            "chance_accuracy": float(given @ guessed), "kappa": kappa}


def no_signal_note(signal: dict[str, float]) -> str | None:
    """The note for labels the texts barely predict, else None."""
    if signal["kappa"] >= MIN_KAPPA:
        return None
    return (f"{NO_SIGNAL_START} (out-of-fold accuracy {signal['accuracy']:.2f}, where chance "
            f"alone gives {signal['chance_accuracy']:.2f}; Cohen's kappa {signal['kappa']:.3f}): check that "
            f"--label-column names the labels. If it does, the label flags cannot tell a right label from a wrong one")
