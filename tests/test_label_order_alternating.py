"""The labels' runs test is two-sided: labels that alternate (a, b, a, b, ...) are not a random order.

hostile41: with 30 rows labelled a, b, a, b, ... the Non-IID screen said 'The labels' order looks random
too (29 label changes between consecutive rows, where a random order of these labels gives about 15)'.
Far more changes than chance (z <= -4, confirmed against random orders as the other side is) now reads
as labels that alternate: interleaved by label, with what to do; sorted and shuffled files read as before.
"""

from __future__ import annotations

import numpy as np
import pytest
from tui_synthetic import fixed_result, non_iid_words

from engine.label_order import label_order
from engine.order_words import report_verdict
from engine.report_render import _label_order_json
from tui.screens.non_iid import p_value_line
from tui.screens.summary import non_iid_cell, non_iid_verdict

ALTERNATING = [np.array([0, 1] * 15), np.array([0, 1, 2] * 40), np.array([3, 1, 0, 2] * 50),
               np.array([0, 1] * 500)]


@pytest.mark.parametrize("labels", ALTERNATING, ids=["ab x15", "abc x40", "dbac x50", "ab x500"])
@pytest.mark.parametrize("p_value", [None, 0.808, 0.0215])
def test_alternating_labels_do_not_look_random(labels, p_value):
    words = label_order(labels).sentence(p_value, 2.0)
    assert "looks random" not in words and "alternate more than chance" in words, words
    assert "interleaved by label" in words and "shuffle before splitting" in words, words


def test_thirty_alternating_rows_figures():
    order = label_order(np.array([0, 1] * 15))
    assert (order.changes, round(order.expected)) == (29, 15) and order.z < -5
    assert "29 label changes" in order.sentence(0.808) and "about 15" in order.sentence(0.808)


@pytest.mark.parametrize("labels", ALTERNATING[:2], ids=["ab x15", "abc x40"])
def test_every_verdict_says_not_random(labels):
    order = label_order(labels)
    assert "consistent with a random order" not in p_value_line(0.808, 1.0, order).split("go, ")[-1]
    assert "but not the labels" in p_value_line(0.808, 1.0, order)
    assert "NOT random" in non_iid_verdict(0.808, order, 1.0) and "alternate" in non_iid_verdict(0.808, order, 1.0)
    assert non_iid_cell(0.808, order, 1.0) == "NOT random"
    assert report_verdict(0.808, 1.0, order).startswith("NOT i.i.d.") and "alternate" in report_verdict(0.808, 1.0, order)
    assert _label_order_json(order.to_dict())["verdict"] == "alternating"


def test_sorted_and_blocked_files_read_as_before():
    labels = np.repeat(np.arange(5), 40)
    assert label_order(labels).grouped and "grouped by label" in label_order(labels).sentence(0.0, 50.0)
    pairs = np.repeat(np.array([0, 1] * 50), 2)  # a, a, b, b, ...: fewer changes than chance (runs of 2)
    order = label_order(pairs)
    assert not order.alternating and "alternate" not in order.sentence(0.5)


@pytest.mark.parametrize("seed", range(8))
def test_shuffled_labels_still_look_random(seed):
    rng = np.random.default_rng(seed)
    for labels in (np.array([0, 1] * 15), np.array([0, 1, 2] * 40), np.array([0] * 290 + [1] * 10)):
        order = label_order(rng.permutation(labels))
        assert not order.not_random and "looks random" in order.sentence(0.808), (seed, order)


def test_a_rare_class_kept_apart_is_confirmed_against_random_orders():
    """Ten rare rows each between majority rows: the most changes there can be (20), and random
    orders of 2,990/10 reach it most of the time: not called alternating."""
    labels = np.zeros(3000, dtype=np.int64)
    labels[np.arange(10) * 300 + 5] = 1
    assert not label_order(labels).alternating


async def test_the_screen_on_alternating_labels(demo_csv, tmp_path):
    _, verdict, why = await non_iid_words(fixed_result(demo_csv), tmp_path, label_order(np.array([0, 1] * 15)), 0.808)
    assert "but not the labels" in verdict, verdict
    assert "looks random" not in why and "alternate more than chance" in why, why
