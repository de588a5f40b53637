"""A shuffled file with a rare class is not 'NOT i.i.d.' by chance (review27 on 35897c4).

With 2,990 rows of one label and 10 of another, two rare rows side by side by chance moved the
runs test's z past 4 (the normal tail is wrong for so small a count): 2.7% of random orders
read 'the labels run together in rows ...'. z >= 4 is now confirmed against seeded random orders.
"""

from __future__ import annotations

import numpy as np

from engine.label_order import label_order
from tui.screens.non_iid import p_value_line

BIG, RARE = 2990, 10


def rare_file(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).permutation(np.r_[np.zeros(BIG, np.int64), np.ones(RARE, np.int64)])


def chance_pairs() -> list[np.ndarray]:
    """Random orders in which two rare rows happen to sit side by side (z >= 4 by the normal tail)."""
    found = [labels for labels in map(rare_file, range(400)) if label_order(labels).z >= 4]
    assert len(found) >= 3  # about 2.7% of random orders
    return found


def test_a_rare_pair_side_by_side_is_chance():
    for labels in chance_pairs():
        order = label_order(labels)
        assert not order.grouped and not order.partly_grouped and order.first_row is None, order
        assert "not the labels" not in p_value_line(0.58, 0.1, order)


def test_rare_rows_all_together_still_run_together():
    labels = np.zeros(BIG + RARE, np.int64)
    labels[1500:1500 + RARE] = 1  # the rare class in one block in a shuffled file: 2 changes, not ~20
    order = label_order(labels)
    assert order.grouped or order.partly_grouped, order
    assert "not the labels" in p_value_line(0.58, 0.1, order)


def test_many_classes_keep_their_verdicts():
    rng = np.random.default_rng(0)
    labels = rng.permutation(np.arange(3080) % 77)
    labels[2618:] = np.sort(labels[2618:])
    assert label_order(labels).partly_grouped
    assert label_order(np.sort(labels)).grouped


def test_an_order_drawn_by_the_minority_rows_counts_its_changes_exactly():
    """chance_reaches draws an order as the minority rows' places and order where one class holds most
    rows (O(those rows), not a permutation of the file): its change count is the file's, whatever the order."""
    from engine.label_order import minority_changes

    rng = np.random.default_rng(3)
    for _ in range(300):
        labels = rng.permutation(np.r_[np.zeros(200, np.int64), rng.integers(1, 4, rng.integers(1, 40))])
        places = np.flatnonzero(labels != 0)
        direct = int(np.count_nonzero(labels[1:] != labels[:-1]))
        assert minority_changes(len(labels), places, labels[places]) == direct
