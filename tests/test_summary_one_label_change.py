"""The summary's Non-IID line counts one label change in the singular: 80 rows of two classes, sorted,
read '(1 label changes between consecutive rows; ...)' (ui38, tmux)."""

from __future__ import annotations

import numpy as np

from engine.label_order import label_order
from tui.screens.summary import non_iid_verdict


def test_one_label_change():
    line = non_iid_verdict(0.0, label_order(np.repeat([0, 1], 40)))
    assert "(1 label change between consecutive rows;" in line
    assert "(3 label changes between" in non_iid_verdict(0.0, label_order(np.repeat([0, 1, 2, 3], 40)))
