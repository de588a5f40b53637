"""A label holding a comma is quoted where a set's labels are joined by ', '.

Seen in tmux on multi-label banking77 with a label 'fx, currency': the detail pane said
'Given: exchange_charge, fx, currency' (three labels to the eye, two in the data), and the
label-set picker's line 'set: exchange_charge  (-fx, currency)'.
"""

from __future__ import annotations

import numpy as np

from engine.wording import shown_name
from tui.multilabel import MultiLabelView

NAMES = ["cash", "exchange_charge", "fx, currency"]


def _view() -> MultiLabelView:
    return MultiLabelView(NAMES, [(1, 2), (0,)], [[], [2]], [[2], []], np.zeros((2, 3), dtype=np.float32))


def test_a_set_holding_a_comma_name_draws_it_quoted():
    ml = _view()
    assert ml.given_text(0) == "exchange_charge, 'fx, currency'"
    assert ml.suggestion_text(0) == "-'fx, currency'"
    assert ml.suggestion_text(1) == "+'fx, currency'"
    assert ml.given_text(1) == "cash"  # a name without a comma as it is


def test_a_comma_name_alone_is_drawn_as_it_is():
    assert shown_name("fx, currency") == "fx, currency"
    assert shown_name("fx, currency", joined=True) == "'fx, currency'"
    assert shown_name("it's, fine", joined=True) == '"it\'s, fine"'
