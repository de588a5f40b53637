"""The summary's label sentence says what flags label sets: the audit's own verdict (a suggested set change that
Datalab's multi-label check flags too), not 'the lowest-scored rows' (mlcut32), until a moved threshold makes it
a score cut."""

from __future__ import annotations

import numpy as np

from tui.view import AuditView


def test_label_sets_say_the_verdict_then_the_score_cut_once_moved(ml_result):
    view = AuditView.from_result(ml_result)
    ours = int(view.flags["label"].sum())
    assert ours > 0
    text = view.label_source()
    assert text.startswith(f"Label issues: {ours} rows flagged: a suggested set change") and "lowest-scored" not in text
    scores = view.scores["label"]
    view.flags["label"] = scores <= np.sort(scores)[ours + 1]  # the threshold dialog moved by two rows
    assert "the lowest-scored rows" in view.label_source()


def test_single_labels_keep_the_score_sentence(demo_result):
    assert "the lowest-scored rows" in AuditView.from_result(demo_result).label_source()
