"""A class-imbalance ``Why:`` says "only" of a rare class, not of every class.

Seen in tmux on banking77 test (every class 40 rows, none flagged), ``f`` on the class-imbalance
screen: ``Why: Its class 'Refund_not_showing_up' has only 40 rows (1.3% of the data); not
flagged`` beside the header line ``Every class has 40 rows (1.3%)``.
"""

from __future__ import annotations

import numpy as np
from tui_synthetic import fixed_view

from tui.widgets.detail_pane import why_flagged


def test_only_is_said_of_a_flagged_class_alone(pinned_result):
    view = fixed_view(pinned_result.dataset)
    flags = view.flags["class_imbalance"]
    rare, common = int(np.flatnonzero(flags)[0]), int(np.flatnonzero(~flags)[0])
    assert "has only " in why_flagged(view, rare, "class_imbalance")
    said = why_flagged(view, common, "class_imbalance")
    assert "not flagged" in said
    assert "only" not in said
