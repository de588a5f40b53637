"""Labels the texts cannot predict (a wrong --label-column, or labels unrelated to the texts) are
said to be so: their label flags cannot tell a right label from a wrong one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from synthetic import predicted_probs

from engine.label_signal import MIN_KAPPA, label_signal, no_signal_note


def test_kappa_is_agreement_beyond_the_class_frequencies():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 10, 5000)
    probs = predicted_probs(truth, 10)
    assert label_signal(truth, probs)["kappa"] == 1.0 and no_signal_note(label_signal(truth, probs)) is None
    shuffled = rng.permutation(truth)
    signal = label_signal(shuffled, probs)
    assert abs(signal["accuracy"] - signal["chance_accuracy"]) < 0.02 and signal["kappa"] < MIN_KAPPA
    assert "barely predict" in no_signal_note(signal)
    # a weak classifier still above chance (30% right on 10 classes) is not 'no signal'
    weak = np.where(rng.random(5000) < 0.3, truth, rng.integers(0, 10, 5000))
    assert no_signal_note(label_signal(truth, predicted_probs(weak, 10))) is None
    # always the majority class: accuracy equals chance, kappa 0
    skewed = np.where(rng.random(5000) < 0.9, 0, 1)
    assert label_signal(skewed, predicted_probs(np.zeros(5000, dtype=int), 2))["kappa"] == 0.0


def test_an_audit_of_shuffled_labels_says_the_texts_barely_predict_them(demo_csv: Path, tmp_path: Path):
    from engine.pipeline import AuditOptions, run_audit
    from tui.screens.summary import health_line
    from tui.view import AuditView

    frame = pd.read_csv(demo_csv)
    frame["label"] = np.random.default_rng(3).permutation(frame["label"].to_numpy())
    shuffled = tmp_path / "shuffled.csv"
    frame.to_csv(shuffled, index=False)
    result = run_audit(shuffled, AuditOptions(id_column="id"))
    assert any("the texts barely predict them" in note for note in result.notes)
    # first, before the overlapping classes such labels also raise (readme30: 73 named first on banking77 shuffled)
    starts = [note.split(":")[0] for note in result.notes]
    assert "overlapping classes" in starts and starts.index("labels") < starts.index("overlapping classes"), starts
    assert "the texts barely predict the labels" in health_line(AuditView.from_result(result))
    kept = run_audit(demo_csv, AuditOptions(id_column="id"))
    assert not any("barely predict" in note for note in kept.notes)
    assert "barely predict" not in health_line(AuditView.from_result(kept))
