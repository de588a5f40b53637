"""Why Datalab's own label check did not flag a row: its rule, said for one row.

Datalab's label check is cleanlab's ``CleanLearning.find_label_issues`` with the default
``filter_by='prune_by_noise_rate'``: per class pair (given -> other) it counts the rows whose
p(other) reaches that class's confident threshold (the mean p of the class over the rows given
it), and flags that many rows of the given class, largest margin p(other) - p(given) first. A
class with ``min_examples_per_class`` rows or fewer (CleanLearning's default: 10) is never
pruned, whatever its scores, and a larger one keeps at least that many rows (12 rows, 5 sure
flips: 2 flagged). So a very low label_score can stay unflagged: its class is that small, its
class has given up all the rows it may, or the count for its pair is spent on rows with larger margins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: CleanLearning's own default of ``min_examples_per_class`` (cleanlab 2.9,
#: ``CleanLearning._process_label_issues_kwargs``); textaudit passes only ``n_jobs``.
MIN_EXAMPLES_PER_CLASS = 10


def class_means(given: np.ndarray, pred_probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows given each class, and confident learning's threshold per class: the mean p(class) over
    the rows given it (NaN for a class no row has)."""
    k = pred_probs.shape[1]
    counts = np.bincount(given, minlength=k)
    own = pred_probs[np.arange(len(given)), given].astype(np.float64)
    sums = np.bincount(given, weights=own, minlength=k)
    return counts, np.divide(sums, counts, out=np.full(k, np.nan), where=counts > 0)


@dataclass(frozen=True)
class DatalabLabelRule:
    """The per-class figures Datalab's label flag depends on."""

    class_counts: np.ndarray  # rows given each class
    thresholds: np.ndarray  # confident threshold per class: mean p(class) over the rows given it
    flagged: np.ndarray | None = None  # Datalab's flagged rows per given class, when its flags are known

    @classmethod
    def of(cls, given: np.ndarray, pred_probs: np.ndarray, flags: np.ndarray | None = None) -> DatalabLabelRule:
        """Computed in one pass over the rows (``given``: class index per row; ``flags``: Datalab's)."""
        given = np.asarray(given, dtype=np.int64)
        counts, thresholds = class_means(given, pred_probs)
        k = pred_probs.shape[1]
        flagged = None if flags is None else np.bincount(given[np.asarray(flags, dtype=bool)], minlength=k)
        return cls(class_counts=counts, thresholds=thresholds, flagged=flagged)

    def why_not_flagged(self, row_given: int, row_probs: np.ndarray, names: list[str]) -> str:
        """One clause: why Datalab left this row unflagged, true to its rule."""
        count = int(self.class_counts[row_given])
        if count <= MIN_EXAMPLES_PER_CLASS:
            return (f"it never flags a class of {MIN_EXAMPLES_PER_CLASS} rows or fewer "
                    f"({names[row_given]} has {count})")
        others = [c for c in range(len(row_probs)) if c != row_given]
        if others and not any(row_probs[c] >= self.thresholds[c] for c in others):
            if int(np.argmax(row_probs)) == row_given:  # the runner-up's name was noise here
                return (f"the model agrees with its label (p({names[row_given]}) {row_probs[row_given]:.3f}, "
                        "its top class), so it does not count the row as an error")
            best = max(others, key=lambda c: row_probs[c])
            return (f"p({names[best]}) {row_probs[best]:.2f} is under that class's mean "
                    f"{self.thresholds[best]:.2f}, so it does not count the row as an error")
        if self.flagged is not None and count - int(self.flagged[row_given]) <= MIN_EXAMPLES_PER_CLASS:
            return (f"it keeps at least {MIN_EXAMPLES_PER_CLASS} rows of every class ({names[row_given]} has "
                    f"{count}, {int(self.flagged[row_given])} flagged)")
        return "it flags as many rows per class pair as it counts, largest margin first, and not this one"
