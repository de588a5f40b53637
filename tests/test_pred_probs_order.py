"""--pred-probs whose columns are the classes in another order: said, not audited silently.

Columns in the order the labels first appear, or a model's own label encoding, pass every shape
check, and then nearly every row is a 'label issue' (the demo: 250 of 258 flagged, nothing said).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.checks import column_order_note, in_sample_note
from engine.pipeline import AuditOptions, run_audit

NAMES = ["alpha", "beta", "gamma", "delta"]


def _probs(labels: np.ndarray, accuracy: float, seed: int = 0) -> np.ndarray:
    """A model right on ``accuracy`` of the rows, wrong uniformly on the others."""
    rng = np.random.default_rng(seed)
    k = len(NAMES)
    top = np.where(rng.random(len(labels)) < accuracy, labels, rng.integers(0, k, len(labels)))
    probs = np.full((len(labels), k), 0.1 / (k - 1))
    probs[np.arange(len(labels)), top] = 0.9
    return probs


LABELS = np.random.default_rng(1).integers(0, 4, 400)


@pytest.mark.parametrize("order", [[1, 2, 3, 0], [1, 0, 2, 3]])
def test_reordered_columns_are_named(order):
    note = column_order_note(_probs(LABELS, 0.9)[:, order], LABELS, NAMES)
    assert note is not None and note.startswith("--pred-probs: its columns look like the classes in another order")
    assert "column 0 as 'beta'" in note or "column 1 as 'alpha'" in note
    assert "columns must follow the sorted class order ('alpha', 'beta', 'gamma', 'delta')" in note


@pytest.mark.parametrize("accuracy", [0.9, 0.6, 0.3, 0.0])
def test_columns_in_order_or_a_weak_model_say_nothing(accuracy):
    assert column_order_note(_probs(LABELS, accuracy), LABELS, NAMES) is None


def test_few_rows_say_nothing():
    labels = LABELS[:30]
    assert column_order_note(_probs(labels, 0.9)[:, [1, 2, 3, 0]], labels, NAMES) is None


def test_the_audit_notes_it(tmp_path):
    rng = np.random.default_rng(2)
    words = {"alpha": "goal match team score", "beta": "bank loan card cash",
             "gamma": "bake flour oven sugar", "delta": "rain wind snow cloud"}
    labels = rng.integers(0, 4, 120)
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": [" ".join(rng.choice(words[NAMES[c]].split(), 4)) for c in labels],
                  "label": [NAMES[c] for c in labels]}).to_csv(path, index=False)
    sorted_codes = np.array([sorted(NAMES).index(NAMES[c]) for c in labels])
    probs = np.full((len(labels), 4), 0.02)
    probs[np.arange(len(labels)), sorted_codes] = 0.94  # right, in sorted class order
    np.save(tmp_path / "good.npy", probs)
    np.save(tmp_path / "first_seen.npy", probs[:, [1, 2, 3, 0]])
    options = dict(model="tfidf", cache_root=str(tmp_path / "cache"))
    good = run_audit(str(path), AuditOptions(pred_probs_path=str(tmp_path / "good.npy"), **options))
    assert not [n for n in good.notes if n.startswith("--pred-probs")]
    bad = run_audit(str(path), AuditOptions(pred_probs_path=str(tmp_path / "first_seen.npy"), **options))
    assert [n for n in bad.notes if n.startswith("--pred-probs: its columns look like the classes in another order")]


def test_in_sample_probabilities_are_noted():
    """A model fitted on the very rows agrees with every label, noise included: the audit found no
    label issue (the demo: 0 of 258) and said nothing about why."""
    probs = np.full((len(LABELS), 4), 0.001)
    probs[np.arange(len(LABELS)), LABELS] = 0.997
    note = in_sample_note(probs, LABELS)
    assert note is not None and note.startswith("--pred-probs: the likeliest class is the given label on every row")
    assert "cross_val_predict" in note
    assert in_sample_note(_probs(LABELS, 0.95), LABELS) is None  # out of sample: some rows disagree
    probs[0] = 0.2
    probs[0, LABELS[0]] = 0.4  # agrees, not certain: still in-sample-like on the whole
    assert in_sample_note(probs, LABELS) is not None
    probs[:, :] = 0.25 + np.eye(4)[LABELS] * 0.01  # agrees everywhere, never confident: a weak model
    assert in_sample_note(probs / probs.sum(axis=1, keepdims=True), LABELS) is None
