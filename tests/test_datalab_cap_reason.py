"""A class just over CleanLearning's min_examples_per_class keeps that many rows: with 12 rows and 5
sure flips Datalab flags 2, and the pane said the other 3 lost on 'largest margin first' (their pair
counted 5), not that the class may give up no more rows."""

from __future__ import annotations

import numpy as np
from test_datalab_reason import _datalab_flags

from engine.datalab_rule import MIN_EXAMPLES_PER_CLASS, DatalabLabelRule


def test_a_class_that_gave_up_all_it_may_says_so():
    small = MIN_EXAMPLES_PER_CLASS + 2
    labels = np.array([0] * 40 + [1] * 40 + [2] * small)
    probs = np.full((len(labels), 3), 0.05)
    probs[np.arange(len(labels)), labels] = 0.90
    probs[80:85] = [0.95, 0.04, 0.01]  # five rows of class 2 that are surely class 0
    flags = _datalab_flags(labels, probs)
    assert flags[80:85].sum() == 2  # Datalab keeps MIN_EXAMPLES_PER_CLASS rows of the class
    rule = DatalabLabelRule.of(labels, probs, flags)
    for row in np.flatnonzero(~flags[80:85]) + 80:
        assert rule.why_not_flagged(2, probs[row], ["a", "b", "c"]) == (
            f"it keeps at least {MIN_EXAMPLES_PER_CLASS} rows of every class (c has {small}, 2 flagged)")
    assert rule.why_not_flagged(1, np.array([0.40, 0.30, 0.30]), ["a", "b", "c"]).startswith("p(a) 0.40 is under")
