"""A ``Why:`` line of a row no check flags does not say what the check looks for as if it held.

Seen in tmux on the demo, ``f`` on the outlier screen (every row by score): ``Why: Far from
everything: nearest row is at distance 0.017 (typical 0.105); outlier score 0.810, not flagged``,
of a row whose nearest row is six times closer than is typical. On the underperforming-group
screen (``No cluster of rows where the model does clearly worse``), every row said ``It sits in a
cluster of similar rows where the model does worse; ... not flagged``.
"""

from __future__ import annotations

import numpy as np
from tui_synthetic import fixed_view

from tui.widgets.detail_pane import why_flagged


def _first(flags: np.ndarray, value: bool) -> int:
    return int(np.flatnonzero(flags == value)[0])


def test_outlier_far_is_said_of_a_flagged_row_alone(pinned_result):
    view = fixed_view(pinned_result.dataset)
    flags = view.flags["outlier"]
    assert why_flagged(view, _first(flags, True), "outlier").startswith("Far from everything")
    said = why_flagged(view, _first(flags, False), "outlier")
    assert "not flagged" in said
    assert "Far from everything" not in said
    assert said.startswith("Its nearest row is at distance")


def test_near_duplicate_same_is_said_of_a_flagged_row_alone(pinned_result):
    view = fixed_view(pinned_result.dataset)
    flags = view.flags["near_duplicate"]
    assert why_flagged(view, _first(flags, True), "near_duplicate").startswith("Nearly the same as row")
    said = why_flagged(view, _first(flags, False), "near_duplicate")
    assert "Nearly the same" not in said
    assert said.startswith("Its nearest row is row") and said.endswith("not flagged.")


def test_underperforming_cluster_is_said_of_a_flagged_row_alone(pinned_result):
    view = fixed_view(pinned_result.dataset)
    view.flags = dict(view.flags)
    assert not view.flags["underperforming_group"].any()  # the demo: no such cluster
    said = why_flagged(view, 0, "underperforming_group")
    assert "does worse" not in said
    assert "not one where the model does clearly worse" in said and "not flagged" in said
    flags = np.zeros(len(view), dtype=bool)
    flags[0] = True
    view.flags["underperforming_group"] = flags
    assert why_flagged(view, 0, "underperforming_group").startswith("It sits in a cluster of similar rows where "
                                                                     "the model does worse")
