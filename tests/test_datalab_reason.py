"""Why Datalab's own label check left a row unflagged: the detail pane says its rule, not just
'not flagged (its label_score 0.004)', which read like a bug beside a very low score."""

from __future__ import annotations

import numpy as np
import pytest

from engine.datalab_rule import MIN_EXAMPLES_PER_CLASS, DatalabLabelRule


def _datalab_flags(labels: np.ndarray, pred_probs: np.ndarray) -> np.ndarray:
    """Datalab's label check as the audit runs it (engine/audit.py: only n_jobs passed)."""
    from cleanlab import Datalab

    lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    lab.find_issues(pred_probs=pred_probs, issue_types={
        "label": {"clean_learning_kwargs": {"find_label_issues_kwargs": {"n_jobs": 1}}}})
    return lab.get_issues("label")["is_label_issue"].to_numpy()


def _data(small: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes (40, 40, ``small`` rows), confident and right, but for row 0 of the small
    class (p(given) 0.01, p(class 0) 0.95) and row 1 of class 1 (p(class 0) 0.40, under class
    0's mean, p(given) 0.30)."""
    labels = np.array([0] * 40 + [1] * 40 + [2] * small)
    probs = np.full((len(labels), 3), 0.05)
    probs[np.arange(len(labels)), labels] = 0.90
    wrong = 80  # the small class's first row
    probs[wrong] = [0.95, 0.04, 0.01]
    probs[41] = [0.40, 0.30, 0.30]
    return labels, probs


@pytest.mark.parametrize("small", [MIN_EXAMPLES_PER_CLASS, MIN_EXAMPLES_PER_CLASS + 1])
def test_the_rule_matches_datalab_on_a_small_class(small):
    labels, probs = _data(small)
    flags = _datalab_flags(labels, probs)
    rule = DatalabLabelRule.of(labels, probs)
    names = ["a", "b", "c"]
    if small <= MIN_EXAMPLES_PER_CLASS:
        assert not flags[80]  # the obvious flip of a 10-row class: Datalab leaves it
        assert rule.why_not_flagged(2, probs[80], names) == (
            f"it never flags a class of {MIN_EXAMPLES_PER_CLASS} rows or fewer (c has {small})")
    else:
        assert flags[80]  # one row more and Datalab flags it: the cut is where the rule says
    assert not flags[41]
    assert np.isclose(rule.thresholds[0], probs[labels == 0, 0].mean())
    assert rule.why_not_flagged(1, probs[41], names) == (
        f"p(a) 0.40 is under that class's mean {rule.thresholds[0]:.2f}, so it does not count the row as an error")


async def test_the_detail_pane_says_why_datalab_did_not_flag_a_low_score(pinned_result, tmp_path):
    from textual.widgets import Static
    from tui_synthetic import fixed_view

    from tui.app import TextauditApp

    view = fixed_view(pinned_result.dataset)
    small = int(np.argmin(np.bincount(view.given)))  # the demo's close_account: 3 rows
    row = int(np.flatnonzero((view.given == small) & ~view.datalab_label_flags)[0])
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await pilot.pause()
        pane = app.screen.query_one("#detail")
        pane.show(row)
        await pilot.pause()
        body = str(pane.query_one("#detail-body", Static).render())
    name = view.shown_names[small]
    count = int((view.given == small).sum())
    assert f"not flagged (its label_score {view.datalab_label_scores[row]:.3f}): it never flags a class of" in " ".join(body.split())
    assert f"({name} has {count})" in body
