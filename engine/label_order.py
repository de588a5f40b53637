"""Is the file grouped by label? Label changes between consecutive rows against a random order,
and where the labels run together.

Datalab's non-IID check says *that* the order is not random; this says whether the labels are
why. It counts the consecutive rows whose labels differ and compares the count with its exact
mean and variance over every order of the same labels (a runs test for many categories), so it
does not depend on how the classes are numbered or in which order the blocks come. Random orders
(20,000 each of banking77 test and train, AG News test, 300- and 120-row banking77 samples, a
two-class 5% file) reached z 4.0-5.2; z >= 4 came 0.005%-0.16% of the time. Where a class is
rare the count is small and discrete and the normal tail is wrong: two rare rows side by side by
chance give z 5-10 (2,990 rows against 10: z >= 4 in 2.7% of random orders, review27). So z >= 4
is confirmed against ``PERMUTATIONS`` random orders of the same labels, seeded: the order counts
as run together only when none of them has as few changes (p < 1/200), where the count's standard
deviation is under ``NORMAL_SD`` (above it one pair moves z by under 0.07 and the normal tail
holds). That holds the rare two-class files' false alarms at 0.05-0.15% (2,000 random orders of
2,990/10, 490/10, 995/5, 197/3 rows) and costs nothing where z stays under 4.

The test is two-sided: far *more* changes than chance (z <= -4, confirmed the same way) is not a
random order either: the labels alternate (a, b, a, b, ...: the classes taken in turn, or rows made
in pairs of different labels), which the one-sided test read as 'looks random too' beside 29 label
changes where chance gives about 15 (hostile41). It also needs the same-label pairs at most
``ALTERNATE_SAME`` of chance's: z alone flagged 1 of 2,000 shuffles of AG News test (z -4.16, 91% of
chance's same-label pairs), where the other side flagged none; past a few hundred expected pairs the
share cannot fall that far by chance, and below them the random orders' check holds it.
``LabelOrder.alternating``; ``grouped`` and ``partly_grouped`` stay the too-few side's.

A drift in part of the file (banking77 test shuffled, its last 15% sorted by label) got z 61
while Datalab's p-value on the texts' neighbours ranged from 0.45 to 0 by the shuffle: the rows
where the labels run together are found by a likelihood-ratio scan of the same-label pairs
(``LabelOrder.first_row``/``last_row``), so the words can say where.

numpy is imported inside the functions: the warm report path (engine/report_render.py) builds a
``LabelOrder`` from the audit's stored view without loading it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from engine.order_words import NONE, order_evidence
from engine.wording import counted

if TYPE_CHECKING:
    import numpy as np

GROUPED_Z = 4.0  # this many standard deviations fewer changes than chance: not an accident
GROUPED_RATIO = 0.5  # and at most half of them: the labels come in runs
WHOLE_FILE = 0.9  # a range holding this share of the rows or more is the whole file: no range said
SCAN_GRID = 256  # the range scan's coarse grid of boundaries, refined to the row after
ALTERNATE_SAME = 0.75  # and at most this share of the same-label pairs chance gives: the labels alternate
PERMUTATIONS = 199  # random orders that must all show more label changes (z >= 4 is not enough)
NORMAL_SD = 30.0  # from this standard deviation of the count up, one pair moves z by under 0.07: no check


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
    first_row: int | None = None  # where the labels run together (rows counted from 0, both ends in);
    last_row: int | None = None  # None: not run together, or throughout the file
    range_changes: int = 0  # label changes between consecutive rows of that range
    range_expected: float = 0.0  # and what a random order of the file's labels gives there
    chance_reached: bool = False  # a random order of PERMUTATIONS had as few changes (tried at z >= 4)
    many_chance_reached: bool = False  # one had as many changes (tried at z <= -4)

    @property
    def ratio(self) -> float:
        return self.changes / self.expected if self.expected > 0 else 1.0

    @property
    def beyond_chance(self) -> bool:
        """Fewer label changes than 4 standard deviations and than every random order tried."""
        return self.z >= GROUPED_Z and not self.chance_reached

    @property
    def grouped(self) -> bool:
        """The rows are grouped by label (few, long runs of one label)."""
        return self.beyond_chance and self.ratio <= GROUPED_RATIO

    @property
    def partly_grouped(self) -> bool:
        return self.beyond_chance and not self.grouped

    @property
    def alternating(self) -> bool:
        """More label changes than 4 standard deviations and than every random order tried: the
        labels alternate (interleaved class by class), the other side of the runs test."""
        same, chance_same = self.n_rows - 1 - self.changes, self.n_rows - 1 - self.expected
        return self.z <= -GROUPED_Z and not self.many_chance_reached and same <= ALTERNATE_SAME * chance_same

    @property
    def not_random(self) -> bool:
        """Either side: the labels run together, or they alternate."""
        return self.beyond_chance or self.alternating

    def alternate(self) -> str:
        """'the labels alternate more than chance (29 label changes between consecutive rows; a random
        order gives about 15)'."""
        label = "label set" if self.sets else "label"
        return (f"the {label}s alternate more than chance ({counted(self.changes, label + ' change')} between "
                f"consecutive rows; a random order gives about {self.expected:,.0f})")

    @property
    def located(self) -> bool:
        """The labels run together in one range of rows, not throughout the file."""
        return self.partly_grouped and self.first_row is not None

    def run_together(self) -> str:
        """'the labels run together in rows 2,618-3,079 (72 label changes between consecutive rows
        there; a random order gives about 456)', or more than chance over the whole file."""
        label = "label set" if self.sets else "label"
        if self.located:
            return (f"the {label}s run together in rows {self.first_row:,}-{self.last_row:,} "
                    f"({counted(self.range_changes, label + ' change')} between consecutive rows there; "
                    f"a random order gives about {self.range_expected:,.0f})")
        return (f"the {label}s run together more than chance ({counted(self.changes, label + ' change')} between "
                f"consecutive rows; a random order gives about {self.expected:,.0f})")

    def sentence(self, p_value: float | None = None, z: float | None = None) -> str:
        """One plain sentence on what the label order shows (of label sets, where the rows hold
        sets: '133 classes' and 'label changes' read as the 84 labels where they count the sets).
        ``p_value``/``z``: Datalab's non-IID check on the texts (engine/order_words.py), for where the
        labels' order looks random: 'any dependence is in the texts' neighbourhoods' only where it
        flags the order; at p = 0.808 that read as if a dependence had been found (walk31)."""
        label, kind, kinds = ("label set", "label set", "label sets") if self.sets else ("label", "class", "classes")
        changes = (f"{counted(self.changes, label + ' change')} between consecutive rows, where a random order of "
                   f"these {label}s gives about {self.expected:,.0f}")
        if self.grouped:
            if self.one_block == self.n_classes:
                how = (f"each {kind} is one unbroken block, in {label} order (sorted by {label})" if self.sorted_blocks
                       else f"each {kind} is one unbroken block; the blocks are not in {label} order")
            else:
                how = f"{self.one_block} of {self.n_classes} {kinds} are one unbroken block"
            return f"The rows are grouped by {label}: {changes}; {how}."
        if self.located:
            return (f"{label.capitalize()}s run together in rows {self.first_row:,}-{self.last_row:,} "
                    "(counted from 0): "
                    f"{counted(self.range_changes, label + ' change')} between consecutive rows there, where a random "
                    f"order gives about {self.range_expected:,.0f}; in the whole file {changes} (z = {self.z:.1f}).")
        if self.partly_grouped:
            return f"{label.capitalize()}s run together more than chance: {changes} (z = {self.z:.1f})."
        if self.alternating:  # the other side: interleaved, not sorted (hostile41: 'looks random too' at 29 vs 15)
            return (f"{label.capitalize()}s alternate more than chance: {changes} (z = {self.z:.1f}); not a random "
                    f"order either: the rows were interleaved by {label} (the {kinds} taken in turn, or rows made in "
                    "pairs). Harmless once shuffled, but a row's position tells its label: shuffle before splitting "
                    "or batching by position, and check that neighbouring rows were not made together.")
        if p_value is None:  # Datalab's check did not run: nothing to say of the texts
            return f"The {label}s' order looks random ({changes})."
        if order_evidence(p_value, z) == NONE:
            return (f"The {label}s' order looks random too ({changes}): no dependence on the row order found, "
                    "in the texts' neighbourhoods or in the labels.")
        return (f"The {label}s' order looks random ({changes}): any dependence is in the texts' "
                "neighbourhoods (similar texts sitting together), not in a label sort.")

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe fields (the audit's stored view; ``from_dict`` reads them back)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> LabelOrder | None:
        if not isinstance(data, dict):
            return None
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def label_order(labels: np.ndarray, rank: np.ndarray | None = None) -> LabelOrder:
    """The runs statistic of ``labels`` in file order (exact moments under random permutation).

    ``rank`` (each class's place in the order classes are shown, e.g. '2' before '10') is a
    second order the blocks may follow to count as sorted by label."""
    import numpy as np

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
    chance = chance_reaches(labels, changes, counts) if z >= GROUPED_Z and variance < NORMAL_SD ** 2 else False
    many = (chance_reaches(labels, changes, counts, more=True) if z <= -GROUPED_Z and variance < NORMAL_SD ** 2
            else False)
    order = LabelOrder(n, k, changes, float(expected), float(z), one_block, sorted_blocks, chance_reached=chance,
                       many_chance_reached=many)
    if not order.partly_grouped or not 0 < q < 1:
        return order
    first, last = run_range(labels[1:] == labels[:-1], float(q))
    if last - first + 1 >= WHOLE_FILE * n:
        return order
    pairs = last - first
    same = int(np.count_nonzero(labels[first + 1:last + 1] == labels[first:last]))
    return LabelOrder(n, k, changes, float(expected), float(z), one_block, sorted_blocks, first_row=first,
                      last_row=last, range_changes=pairs - same, range_expected=float(pairs * (1 - q)),
                      chance_reached=chance)


def chance_reaches(labels: np.ndarray, changes: int, counts: np.ndarray, rounds: int = PERMUTATIONS,
                   more: bool = False) -> bool:
    """Whether one of ``rounds`` seeded random orders of ``labels`` has ``changes`` label changes
    between consecutive rows or fewer (``more``: or more; it stops at the first). Where one class holds most rows, an
    order is drawn as the other rows' places and order (``minority_changes``: O(those rows), where
    a whole permutation of 1M rows took 13.6 s for 199, review27)."""
    import numpy as np

    rng = np.random.default_rng(0)
    compact = labels.astype(np.int32)  # permuting int32 is cheaper; ``counts``: label_order's bincount of them
    others = compact[compact != int(counts.argmax())]
    for _ in range(rounds):
        if len(others) * 4 <= len(compact):
            drawn = minority_changes(len(compact), rng.choice(len(compact), len(others), replace=False),
                                     rng.permutation(others))
        else:
            shuffled = rng.permutation(compact)
            drawn = int(np.count_nonzero(shuffled[1:] != shuffled[:-1]))
        if (drawn >= changes) if more else (drawn <= changes):
            return True
    return False


def minority_changes(n_rows: int, places: np.ndarray, labels: np.ndarray) -> int:
    """Label changes of an order in which rows ``places`` hold ``labels`` (in place order) and every
    other row the one majority class: two changes across each gap of majority rows between them, one
    where two of them meet with different labels, one at each end of the file the majority holds."""
    import numpy as np

    places = np.sort(places)
    meets = np.diff(places) == 1
    return int(np.count_nonzero(labels[1:][meets] != labels[:-1][meets]) + 2 * np.count_nonzero(~meets)
               + (places[0] > 0) + (places[-1] < n_rows - 1))


def run_range(same: np.ndarray, q: float) -> tuple[int, int]:
    """The rows (first, last, counted from 0) whose consecutive pairs share their label most
    unlike a random order: the range of pairs with the largest Bernoulli likelihood ratio of
    their same-label rate against ``q``, found on a grid of ``SCAN_GRID`` boundaries, then each
    end moved to the best row near it (O(rows + grid²))."""
    import numpy as np

    m = len(same)
    cum = np.r_[0, np.cumsum(same, dtype=np.int64)]  # cum[j] - cum[i]: same-label pairs i..j-1

    def ratio(hits: np.ndarray, pairs: np.ndarray) -> np.ndarray:
        pairs = np.maximum(pairs, 1)
        rate = np.clip(hits / pairs, 1e-12, 1 - 1e-12)
        value = hits * np.log(rate / q) + (pairs - hits) * np.log((1 - rate) / (1 - q))
        return np.where(rate > q, value, 0.0)

    points = np.unique(np.linspace(0, m, min(SCAN_GRID, m) + 1).round().astype(np.int64))
    lo, hi = np.meshgrid(points, points, indexing="ij")
    scores = np.where(hi > lo, ratio(cum[hi] - cum[lo], hi - lo), -1.0)
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    begin, end = int(points[i]), int(points[j])  # pairs begin..end-1
    step = -(-m // SCAN_GRID) + 1
    for _ in range(3):
        near = np.arange(max(0, begin - step), min(end - 1, begin + step) + 1)
        begin = int(near[np.argmax(ratio(cum[end] - cum[near], end - near))])
        near = np.arange(max(begin + 1, end - step), min(m, end + step) + 1)
        end = int(near[np.argmax(ratio(cum[near] - cum[begin], near - begin))])
    return begin, end  # pair i joins rows i and i + 1: rows begin..end
