"""An explicit --second-view tfidf that the audit cannot pool (--model tfidf, --pred-probs, --features) is said in a
note; it was dropped without a word (review38: '--pred-probs F --second-view tfidf' reported nothing of it)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.pipeline import AuditOptions, run_audit


def _data(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": [f"note {i} about {'cards' if i % 2 else 'loans'} and fees" for i in range(30)],
                  "label": ["ab"[i % 2] for i in range(30)]}).to_csv(path, index=False)
    return path


def _said(result):
    return [note for note in result.notes if note.startswith("--second-view")]


def test_tfidf_model_and_features_say_the_view_is_not_used(tmp_path):
    path = _data(tmp_path)
    base = {"use_cache": False, "issue_types": ("label",)}
    tfidf = run_audit(path, AuditOptions(model="tfidf", second_view="tfidf", **base))
    assert _said(tfidf) == ["--second-view tfidf not used: the model is TF-IDF itself"], tfidf.notes
    features = tmp_path / "f.npy"
    np.save(features, np.random.default_rng(0).normal(size=(30, 8)).astype(np.float32))
    given = run_audit(path, AuditOptions(features_path=str(features), second_view="tfidf", **base))
    assert _said(given) == ["--second-view tfidf not used: --features gives the vectors (the view pools with a "
                            "model's own)"], given.notes
    assert _said(run_audit(path, AuditOptions(model="tfidf", **base))) == []  # the default says nothing
