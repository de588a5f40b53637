"""Datalab's reason for leaving a row unflagged when the model agrees with its label says so.

Seen on the label screen (f, every row; banking77 slice): a row whose label the model agreed with
read 'Datalab: not flagged (its label_score 0.921): p(top_up_by_bank_transfer_charge) 0.01 is under
that class's mean 0.84': true to Datalab's rule, but it named an unrelated class at 0.01 where the
plain reason is that the model agrees with the label.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import label_detail
from tui_synthetic import fixed_view

from engine.datalab_rule import MIN_EXAMPLES_PER_CLASS, DatalabLabelRule
from tui.app import TextauditApp


async def test_an_agreeing_row_says_the_model_agrees(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    rule = DatalabLabelRule.of(view.given, view.pred_probs)
    counts = np.bincount(view.given)
    agreeing = [r for r in range(len(view))
                if not view.datalab_label_flags[r] and counts[view.given[r]] > MIN_EXAMPLES_PER_CLASS
                and int(np.argmax(view.pred_probs[r])) == int(view.given[r])
                and not any(view.pred_probs[r][c] >= rule.thresholds[c]
                            for c in range(view.pred_probs.shape[1]) if c != view.given[r])]
    assert agreeing
    row = agreeing[0]
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        _, body = await label_detail(pilot, row)
    given = view.shown_names[int(view.given[row])]
    assert (f"not flagged (its label_score {view.datalab_label_scores[row]:.3f}): the model agrees with its "
            f"label (p({given}) {view.pred_probs[row][view.given[row]]:.3f}, its top class)") in body, body
    assert "is under that class's mean" not in body


def test_a_row_the_model_doubts_still_names_the_other_class():
    """Top class not the given one, yet under that class's mean: the other class is the reason."""
    labels = np.array([0] * 20 + [1] * 20)
    probs = np.full((40, 2), 0.05)
    probs[np.arange(40), labels] = 0.95
    probs[20] = [0.55, 0.45]  # given 1, the model leans to 0 but under 0's mean (~0.93)
    rule = DatalabLabelRule.of(labels, probs)
    assert rule.why_not_flagged(1, probs[20], ["a", "b"]).startswith("p(a) 0.55 is under that class's mean")
    assert rule.why_not_flagged(0, probs[0], ["a", "b"]).startswith("the model agrees with its label (p(a) 0.950")
