"""A label on every row no longer leaves the whole multi-label label check unchecked.

Seen on banking77 test as sets {'all', intent} (a subset chosen by one tag carries it on every
row): 'label not checked: Labels must contain at least 2 classes.' of 16 labels, no label issue
flagged at all. Datalab's check now runs on the labels that vary; with fewer than two that vary
the note says so.
"""

from __future__ import annotations

import numpy as np

from engine.multilabel_audit import run_datalab_multilabel


def _data(n: int = 120, seed: int = 0):
    rng = np.random.default_rng(seed)
    topic = rng.integers(1, 4, size=n)  # labels 1..3 vary, label 0 is on every row
    sets = [(0, int(t)) for t in topic]
    probs = np.full((n, 4), 0.03, dtype=np.float32)
    probs[:, 0] = 0.97
    probs[np.arange(n), topic] = 0.95
    wrong = np.arange(0, n, 12)  # these rows' labels disagree with the model
    probs[wrong, topic[wrong]] = 0.03
    probs[wrong, (topic[wrong] % 3) + 1] = 0.95
    return sets, probs, wrong


def test_the_label_check_runs_on_the_labels_that_vary() -> None:
    sets, probs, wrong = _data()
    output = run_datalab_multilabel(sets, probs, None, issue_types=["label"])
    assert not [note for note in output.notes if "not checked" in note]
    flagged = np.flatnonzero(output.issues["is_label_issue"].to_numpy())
    assert set(wrong) <= set(flagged.tolist())
    assert output.issues["datalab_is_label_issue"].to_numpy()[wrong].all()


def test_with_one_label_that_varies_the_note_says_why() -> None:
    sets, probs, _ = _data()
    sets = [(0, 1) if members[1] == 1 else (0,) for members in sets]  # label 0 everywhere, label 1 on some
    output = run_datalab_multilabel(sets, np.ascontiguousarray(probs[:, :2]), None, issue_types=["label"])
    assert any("label not checked: 1 of 2 labels varies across the rows" in note for note in output.notes)
