"""The engine's Non-IID words count one label change in the singular: 80 rows of two classes, sorted, read
'(1 label changes between consecutive rows; ...)' in the report and 'The rows are grouped by label: 1 label
changes ...' on the Non-IID screen (ui38; the summary's own copy was fixed in 5773460)."""

from __future__ import annotations

import numpy as np

from engine.label_order import label_order
from engine.order_words import report_verdict


def test_one_label_change_in_the_report_and_the_screen():
    order = label_order(np.repeat([0, 1], 40))
    assert "(1 label change between consecutive rows;" in report_verdict(0.0, 40.0, order)
    assert order.sentence(0.0, 40.0).startswith("The rows are grouped by label: 1 label change between consecutive")
    many = label_order(np.repeat([0, 1, 2, 3], 40))
    assert "(3 label changes between" in report_verdict(0.0, 40.0, many)
    assert "3 label changes between" in many.sentence(0.0, 40.0)
