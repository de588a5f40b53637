"""Multi-label --pred-probs get the single-label notes too (engine/checks.label_set_probs_note):
columns in another order than the sorted labels flagged every row as a label issue, and in-sample
probabilities flagged none, both without a word (hostile24: 200 banking77 rows with 1-2 labels each,
the columns rotated by one: 200 of 200 flagged, no note)."""

from __future__ import annotations

import numpy as np

from engine.demo_multilabel import demo_multilabel_path
from engine.pipeline import AuditOptions, run_audit

NAMES = ["billing", "card", "fraud", "urgent"]


def _sets(n: int = 200, seed: int = 0) -> list[tuple[int, ...]]:
    rng = np.random.default_rng(seed)
    return [tuple(sorted({int(rng.integers(4)), *([int(rng.integers(4))] if rng.random() < 0.3 else [])}))
            for _ in range(n)]


def label_set_probs_note(*args):
    from engine.checks import label_set_probs_note as note

    return note(*args)


def _probs(sets, high: float = 0.9, low: float = 0.1, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    probs = np.full((len(sets), 4), low)
    for row, members in enumerate(sets):
        probs[row, list(members)] = high
    return np.clip(probs + rng.normal(0, 0.02, probs.shape), 0, 1)


def test_columns_in_another_order_are_named():
    sets = _sets()
    note = label_set_probs_note(np.roll(_probs(sets), 1, axis=1), sets, NAMES)
    assert note is not None and note.startswith("--pred-probs: its columns look like the labels in another order")
    assert "column 1 as 'billing'" in note and "sorted label order ('billing', 'card', 'fraud', 'urgent')" in note


def test_in_sample_probabilities_are_named():
    sets = _sets()
    note = label_set_probs_note(_probs(sets, 0.99, 0.01), sets, NAMES)
    assert note is not None and "exactly the given set on every row" in note and "out-of-sample" in note


def test_a_model_that_errs_on_some_rows_gets_no_note():
    sets = _sets()
    probs = _probs(sets)
    probs[:30] = probs[30:60]  # 30 rows predicted as other rows' sets: a real model's mistakes
    assert label_set_probs_note(probs, sets, NAMES) is None
    assert label_set_probs_note(np.roll(probs, 1, axis=1)[:40], sets[:40], NAMES) is None  # too few rows to tell


def test_the_audit_says_so_and_its_own_probabilities_get_no_note(ml_result, tmp_path):
    path = tmp_path / "probs.npy"
    np.save(path, ml_result.pred_probs)  # the audit's own out-of-fold probabilities
    options = dict(id_column="id", label_column="labels", pred_probs_path=str(path))
    own = run_audit(demo_multilabel_path(), AuditOptions(**options))
    assert not [n for n in own.notes if n.startswith("--pred-probs")]
    np.save(path, np.roll(ml_result.pred_probs, 1, axis=1))
    rolled = run_audit(demo_multilabel_path(), AuditOptions(**options))
    assert [n for n in rolled.notes if n.startswith("--pred-probs: its columns look like the labels in another order")]
