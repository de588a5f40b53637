"""The ``Why:`` line gives a probability with the digits the ``Given:`` line above it has.

Seen in tmux on banking77 test: ``Given: get_disposable_virtual_card  p=0.005`` and, two lines
below, ``Why: The model gives 'get_disposable_virtual_card' p=0.00``: one number, two values.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import label_detail
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_why_says_the_given_and_suggested_probabilities_as_the_lines_above(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    row = int(np.flatnonzero(view.flags["label"])[0])
    given, predicted = int(view.given[row]), int(view.predicted[row])
    probs = np.full(view.pred_probs.shape[1], 0.0, dtype=np.float32)
    probs[given], probs[predicted] = 0.004, 0.9
    probs[[c for c in range(len(probs)) if c not in (given, predicted)][0]] = 0.096
    view.pred_probs = view.pred_probs.copy()
    view.pred_probs[row] = probs
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(120, 40)) as pilot:
        _, body = await label_detail(pilot, row)
    assert "p=0.004" in body.split("Why:")[0]  # the Given line
    why = body.split("Why:")[1]
    assert "p=0.004 and prefers" in why
    assert "(p=0.900)" in why
    assert "p=0.00 " not in why
