"""Multi-label: rows with no text count neither in a label's cut nor in the estimate (MULTILABEL_CHECK_VERSION 6).
fix38b left them in: a blank row's probabilities (the model's reading of nothing: p 0.12 on their given labels on
banking77-ML with 1% of the texts blanked) lowered its labels' cuts, and every blank row Datalab flagged with a change
counted in 'label errors estimated' (243 there for 200 rows flagged)."""

from __future__ import annotations

import numpy as np


def test_blank_rows_are_left_out_of_the_cuts_and_the_estimate():
    from engine.multilabel_audit import run_datalab_multilabel

    rng = np.random.default_rng(2)
    labels = np.repeat(np.arange(3), 40)
    features = (np.eye(3)[labels] + 0.3 * rng.standard_normal((len(labels), 3))).astype(np.float32)
    sets = [(int(label),) for label in labels]
    probs = np.full((len(labels), 3), 0.02)
    probs[np.arange(len(labels)), labels] = 0.97
    blank = np.zeros(len(labels), dtype=bool)
    blank[[10, 20, 30, 39]] = True  # label 0's rows: read as label 1
    probs[blank] = [0.02, 0.97, 0.02]
    probs[5, 0] = 0.46  # under half label 0's mean on its rows with text (0.956), over it with the blank rows' (0.862)
    output = run_datalab_multilabel(sets, probs.astype(np.float32), None, features=features, null_mask=blank,
                                    issue_types=("label",))
    issues, info = output.issues, output.info["label"]
    assert issues["extra_labels"][5] == "0", issues.loc[5]
    flagged = issues["is_label_issue"].to_numpy()
    assert not flagged[blank].any() and issues["datalab_is_label_issue"].to_numpy()[blank].all()
    assert info["estimated_label_issues"] == int(flagged.sum()), info
    assert any("4 rows with no text left out of the label issues" in note for note in output.notes), output.notes
