"""The label-order check behind the Non-IID screen: grouped files are called grouped."""

from __future__ import annotations

import numpy as np
import pytest

from engine.label_order import label_order
from tui.label_order import first_appearance_ranks


def blocks(sizes: list[int], order: list[int]) -> np.ndarray:
    """Classes ``order`` (in that order) as unbroken blocks of ``sizes[c]`` rows."""
    return np.concatenate([np.full(sizes[c], c) for c in order])


def test_unbroken_blocks_out_of_label_order_are_grouped_not_sorted():
    rng = np.random.default_rng(1)
    sizes = rng.integers(80, 180, size=77).tolist()
    labels = blocks(sizes, rng.permutation(77).tolist())  # like banking77 train: 77 blocks, shuffled
    order = label_order(labels)
    assert order.changes == 76 and order.grouped and not order.sorted_blocks
    assert order.one_block == 77
    assert "grouped by label" in order.sentence() and "not in label order" in order.sentence()


def test_sorted_blocks_say_sorted():
    order = label_order(blocks([30, 40, 50], [0, 1, 2]))
    assert order.grouped and order.sorted_blocks and "sorted by label" in order.sentence()


def test_a_random_order_is_not_grouped_whatever_the_numbering():
    rng = np.random.default_rng(2)
    labels = rng.permutation(blocks([300, 200, 100, 50], [0, 1, 2, 3]))
    order = label_order(labels)
    assert not order.grouped and not order.partly_grouped
    assert 0.9 < order.ratio < 1.1
    assert "looks random" in order.sentence()


def test_the_expected_changes_and_spread_match_shuffles():
    rng = np.random.default_rng(3)
    labels = blocks([3, 10, 20, 7, 40], [0, 1, 2, 3, 4])
    changes = np.array([np.count_nonzero(np.diff(rng.permutation(labels))) for _ in range(4000)])
    order = label_order(labels)
    spread = (order.expected - order.changes) / order.z
    assert order.expected == pytest.approx(changes.mean(), rel=0.01)
    assert spread == pytest.approx(changes.std(), rel=0.05)


def test_partly_grouped_runs():
    rng = np.random.default_rng(4)
    labels = rng.integers(0, 5, size=4000)
    for i in np.flatnonzero(rng.random(4000) < 0.4):  # 40% of rows repeat the previous label
        labels[i] = labels[i - 1]
    order = label_order(labels)
    assert order.partly_grouped and 0.5 < order.ratio < 0.75
    assert "more than chance" in order.sentence()


def test_the_summary_agrees_with_the_screen_on_partly_grouped_labels():
    """Seen on ag_news (1,500 rows, z 5.9): the screen said the labels run together more than chance
    while the summary said the labels' order looks random."""
    from tui.screens.summary import non_iid_verdict

    rng = np.random.default_rng(4)
    labels = rng.integers(0, 5, size=4000)
    for i in np.flatnonzero(rng.random(4000) < 0.4):
        labels[i] = labels[i - 1]
    order = label_order(labels)
    assert order.partly_grouped
    for p_value in (0.0, 0.3):
        verdict = non_iid_verdict(p_value, order)
        assert "looks random" not in verdict and "consistent with rows in random order" not in verdict
        assert "run together more than chance" in verdict and f"{order.changes:,} label changes" in verdict
    assert "similar texts sit together" in non_iid_verdict(0.0, order)
    random = label_order(rng.permutation(labels))
    assert "looks random" in non_iid_verdict(0.0, random)
    assert "consistent with rows in random order" in non_iid_verdict(0.3, random)


def test_first_appearance_ranks_climb_for_blocks_in_any_order():
    labels = blocks([2, 3, 1], [2, 0, 1])
    assert first_appearance_ranks(labels).tolist() == [0, 1, 1, 2, 2, 2]


def test_tiny_or_single_class_inputs():
    assert not label_order(np.array([0, 0, 0])).grouped
    assert not label_order(np.array([], dtype=np.int64)).grouped
    assert not label_order(np.zeros(100, dtype=np.int64)).grouped


async def test_non_iid_screen_calls_blocks_out_of_label_order_grouped(demo_csv, tmp_path):
    from textual.widgets import Static
    from tui_synthetic import fixed_result, fixed_view

    from tui.app import TextauditApp

    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    assert label_order(view.given).sorted_blocks  # the demo file is sorted by label ...
    view.given = ((view.given * 3) % view.n_classes).astype(np.int32)  # ... renumbered: blocks out of order
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#non-iid-verdict", Static).render())
        assert "grouped by label" in summary
        app.open_issue("non_iid")
        await pilot.pause()
        why = str(app.screen.query_one("#non-iid-why", Static).render())
        assert "grouped by label" in why and "not in label order" in why
        assert "neighbourhoods" not in why


async def test_the_first_class_is_drawn_on_the_label_plot(demo_csv, tmp_path):
    """Classes are numbered from 1 on a plot from 0: the class met first drew as blank columns
    (rank 0 at height 0), as if the file's first rows held nothing."""
    from tui_synthetic import fixed_result, fixed_view

    from tui.app import TextauditApp

    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_issue("non_iid")
        await pilot.pause()
        lines = str(app.screen.query_one("#label-plot").render()).splitlines()
        bottom = lines[-2]  # the last plotted line, above the 'row 0 ... row N' axis
        assert bottom.startswith(f"{1:7}│")  # the axis in the legend's numbers, from 1 (ui25)
        first_columns = bottom[8:12]
        assert first_columns.strip(), f"blank where the first rows' class belongs: {bottom!r}"


def test_the_legend_names_the_numbers_as_they_appear():
    from tui.label_order import appearance_legend

    labels = blocks([2, 3, 1], [2, 0, 1])  # class 2 first, then 0, then 1
    assert appearance_legend(labels, ["World", "Sports", "Business"]) == "On the plot: 1 = Business · 2 = World · 3 = Sports"
    assert appearance_legend(labels, ["1", "2", "-3"]) == "On the plot: 1 = label -3 · 2 = label 1 · 3 = label 2"
    many = np.arange(12)
    assert appearance_legend(many, [f"c{i}" for i in range(12)], shown=3) == "On the plot: 1 = c0 · 2 = c1 · 3 = c2 · ... (9 more)"


async def test_the_non_iid_screen_says_which_class_each_number_is(demo_csv, tmp_path):
    """ui21 on AG News (labels 1-4): the plot's class 1 is the label 3, met first, and nothing said so."""
    from textual.widgets import Static
    from tui_synthetic import fixed_result, fixed_view

    from tui.app import TextauditApp

    result = fixed_result(demo_csv)
    view = fixed_view(result.dataset)
    view.given = view.given[::-1].copy()  # the last class in the file now comes first
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_issue("non_iid")
        await pilot.pause()
        legend = str(app.screen.query_one("#label-plot-legend", Static).render())
    assert legend.startswith(f"On the plot: 1 = {view.shown_names[int(view.given[0])]} · ")
