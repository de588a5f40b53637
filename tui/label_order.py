"""Is the file grouped by label? Label changes between consecutive rows against a random order.

Datalab's non-IID check says *that* the order is not random; this says whether the labels are
why. It counts the consecutive rows whose labels differ and compares the count with its exact
mean and variance over every order of the same labels (a runs test for many categories), so it
does not depend on how the classes are numbered or in which order the blocks come.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GROUPED_Z = 4.0  # this many standard deviations fewer changes than chance: not an accident
GROUPED_RATIO = 0.5  # and at most half of them: the labels come in runs


@dataclass(frozen=True)
class LabelOrder:
    """Label changes between consecutive rows, and what a random order of the labels gives."""

    n_rows: int
    n_classes: int
    changes: int
    expected: float
    z: float  # (expected - changes) / sd: large when the labels run together
    one_block: int  # classes whose rows form one unbroken run
    sorted_blocks: bool  # every class is one run and the runs follow the class numbering
    sets: bool = False  # the labels are label sets (multi-label): the sentence says so

    @property
    def ratio(self) -> float:
        return self.changes / self.expected if self.expected > 0 else 1.0

    @property
    def grouped(self) -> bool:
        """The rows are grouped by label (few, long runs of one label)."""
        return self.z >= GROUPED_Z and self.ratio <= GROUPED_RATIO

    @property
    def partly_grouped(self) -> bool:
        return self.z >= GROUPED_Z and not self.grouped

    def sentence(self) -> str:
        """One plain sentence on what the label order shows (of label sets, where the rows hold
        sets: '133 classes' and 'label changes' read as the 84 labels where they count the sets)."""
        label, kind, kinds = ("label set", "label set", "label sets") if self.sets else ("label", "class", "classes")
        counted = (f"{self.changes:,} {label} changes between consecutive rows, where a random order of "
                   f"these {label}s gives about {self.expected:,.0f}")
        if self.grouped:
            if self.one_block == self.n_classes:
                how = (f"each {kind} is one unbroken block, in {label} order (sorted by {label})" if self.sorted_blocks
                       else f"each {kind} is one unbroken block; the blocks are not in {label} order")
            else:
                how = f"{self.one_block} of {self.n_classes} {kinds} are one unbroken block"
            return f"The rows are grouped by {label}: {counted}; {how}."
        if self.partly_grouped:
            return f"{label.capitalize()}s run together more than chance: {counted} (z = {self.z:.1f})."
        return (f"The {label}s' order looks random ({counted}): any dependence is in the texts' "
                "neighbourhoods (similar texts sitting together), not in a label sort.")


def label_order(labels: np.ndarray, rank: np.ndarray | None = None) -> LabelOrder:
    """The runs statistic of ``labels`` in file order (exact moments under random permutation).

    ``rank`` (each class's place in the order classes are shown, e.g. '2' before '10') is a
    second order the blocks may follow to count as sorted by label."""
    labels = np.asarray(labels)
    n = len(labels)
    counts = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    present = counts[counts > 0].astype(np.float64)
    k = len(present)
    changes = int(np.count_nonzero(labels[1:] != labels[:-1])) if n > 1 else 0
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]]) if n else np.zeros(0, dtype=np.int64)
    run_labels = labels[starts]
    runs_per_class = np.bincount(run_labels, minlength=len(counts)) if n else counts
    one_block = int(np.count_nonzero(runs_per_class == 1))
    sorted_blocks = bool(one_block == k and (np.all(np.diff(run_labels) > 0) or (
        rank is not None and np.all(np.diff(np.asarray(rank)[run_labels]) > 0))))
    if n < 4 or k < 2:
        return LabelOrder(n, k, changes, float(changes), 0.0, one_block, sorted_blocks)
    m = n - 1  # adjacent pairs
    a = present * (present - 1)
    q = a.sum() / (n * (n - 1))  # P(a pair shares its label)
    r = (a * (present - 2)).sum() / (n * (n - 1) * (n - 2))  # P(three in a row share it)
    t = ((a * (present - 2) * (present - 3)).sum() + a.sum() ** 2 - (a ** 2).sum()) / (
        n * (n - 1) * (n - 2) * (n - 3))  # P(two disjoint pairs each share theirs)
    variance = m * q * (1 - q) + 2 * (m - 1) * (r - q * q) + (m - 1) * (m - 2) * (t - q * q)
    expected = m * (1 - q)
    z = (expected - changes) / np.sqrt(variance) if variance > 0 else 0.0
    return LabelOrder(n, k, changes, float(expected), float(z), one_block, sorted_blocks)


def first_appearance_ranks(labels: np.ndarray) -> np.ndarray:
    """Each row's class numbered by when the class first appears in the file (0, 1, 2, ...).

    Plotted by position, grouped labels make a staircase whatever the classes' numbering or
    the blocks' order; a random order stays flat near the middle.
    """
    labels = np.asarray(labels)
    if not len(labels):
        return np.zeros(0, dtype=np.int64)
    classes, first = np.unique(labels, return_index=True)
    rank = np.empty(int(classes.max()) + 1, dtype=np.int64)
    rank[classes[np.argsort(first)]] = np.arange(len(classes))
    return rank[labels]


def appearance_legend(labels: np.ndarray, names: list[str], shown: int = 8) -> str:
    """Which class each number on the plot by position is: ``1 = World · 2 = Sports ...`` (the
    first ``shown`` as they appear). On AG News, labels 1-4, the plot's 1 was the label 3."""
    labels = np.asarray(labels)
    if not len(labels):
        return ""
    classes, first = np.unique(labels, return_index=True)
    met = classes[np.argsort(first)]
    def named(code: int) -> str:  # '1 = label 3', not '1 = 3', where the labels are numbers
        name = names[code]
        return f"label {name}" if name.lstrip("-").replace(".", "", 1).isdigit() else name

    parts = [f"{rank} = {named(int(code))}" for rank, code in enumerate(met[:shown].tolist(), start=1)]
    more = f" · ... ({len(met) - shown} more)" if len(met) > shown else ""
    return "On the plot: " + " · ".join(parts) + more
