"""A row that shares nothing with any other (an all-zero vector: --model tfidf on a text with no word of two
letters) had the lowest outlier score and was not flagged where Datalab's cut lies past cosine distance 1.0
(review36: a 300-row file, cut 1.035); it is flagged now, with a note, and no other row's flag or score moves."""

from __future__ import annotations

import numpy as np

from engine.audit import run_datalab


def test_a_row_sharing_nothing_is_an_outlier_past_a_wide_cut() -> None:
    rng = np.random.default_rng(0)
    tight = rng.standard_normal(16) + 0.05 * rng.standard_normal((30, 16))  # near each other
    spread = rng.standard_normal((30, 16))  # far apart: the cut (Q3 + 1.7 IQR) lands past 1.0
    features = np.vstack([tight, spread, np.zeros((1, 16))]).astype(np.float32)
    labels = np.arange(len(features)) % 2
    probs = np.full((len(labels), 2), 0.2, dtype=np.float32)
    probs[np.arange(len(labels)), labels] = 0.8
    output = run_datalab(labels, probs, None, features=features, issue_types=("outlier",))
    issues = output.issues
    assert output.info["outlier"]["issue_threshold"] > 1.0  # the row at distance 1.0 is inside Datalab's cut
    scores = issues["outlier_score"].to_numpy()
    assert scores.argmin() == 60 and issues["is_outlier_issue"][60]
    assert not issues["is_outlier_issue"][:60].any()
    assert any("1 row shares nothing with any other row" in note and "(row 60)" in note for note in output.notes)
    counts = dict(zip(output.summary["issue_type"], output.summary["num_issues"]))
    assert counts["outlier"] == 1
