"""--model and --precision with --features were ignored without a word (hostile30): the vectors are the
user's, so no embedding model runs (as --device/--precision with --model tfidf, hostile23)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.pipeline import AuditOptions, run_audit


def _data(tmp_path):
    path, features = tmp_path / "d.csv", tmp_path / "features.npy"
    pd.DataFrame({"text": [f"note {i} about {'cards' if i % 2 else 'loans'}" for i in range(12)],
                  "label": ["ab"[i % 2] for i in range(12)]}).to_csv(path, index=False)
    vectors = np.random.default_rng(0).normal(size=(12, 4)).astype(np.float32)
    vectors[:, 0] += np.arange(12) % 2 * 3  # the classes apart, so the audit has something to learn
    np.save(features, vectors)
    return path, str(features)


def test_model_and_precision_given_with_features_get_a_note(tmp_path):
    path, features = _data(tmp_path)
    options = AuditOptions(features_path=features, model="tfidf", precision="int8", use_cache=False,
                           issue_types="label,outlier")
    said = [note for note in run_audit(path, options).notes if "--features gives" in note]
    assert said == ["--model tfidf and --precision int8 not used: --features gives the vectors (they apply to the "
                    "embedding model)"]
    plain = run_audit(path, AuditOptions(features_path=features, use_cache=False, issue_types="label,outlier"))
    assert not [note for note in plain.notes if "not used" in note], plain.notes


def test_folds_given_with_pred_probs_get_a_note(tmp_path):
    path, features = _data(tmp_path)  # (--features too: no embedding model loads)
    probs = tmp_path / "probs.npy"
    np.save(probs, np.tile([[0.8, 0.2], [0.3, 0.7]], (6, 1)))
    options = AuditOptions(pred_probs_path=str(probs), features_path=features, folds=3, use_cache=False, issue_types="label")
    said = [note for note in run_audit(path, options).notes if "--pred-probs gives" in note]
    assert said == ["--folds 3 not used: --pred-probs gives the out-of-sample probabilities (the folds are "
                    "textaudit's own cross-validation)"]
    plain = run_audit(path, AuditOptions(pred_probs_path=str(probs), features_path=features, use_cache=False, issue_types="label"))
    assert not [note for note in plain.notes if "not used" in note], plain.notes
