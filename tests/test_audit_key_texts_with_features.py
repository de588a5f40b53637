"""With --features (and --pred-probs), no cache key held the texts: an audit of the same rows with
edited texts reused the cached label check, whose note counts the rows whose exact text is another
label's (engine/label_copies), so the count was the old texts' (review23)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.pipeline import AuditOptions, run_audit


def _write(tmp_path, texts):
    rng = np.random.default_rng(0)
    labels = ["ab"[i % 2] for i in range(len(texts))]
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(path, index=False)
    features = tmp_path / "f.npy"
    np.save(features, rng.normal(size=(len(texts), 8)).astype(np.float32))
    probs = tmp_path / "p.npy"
    p = rng.uniform(0.2, 0.8, size=len(texts))
    np.save(probs, np.stack([p, 1 - p], axis=1).astype(np.float32))
    return path, features, probs


def test_edited_texts_are_audited_again_under_features(tmp_path):
    texts = [f"text number {i}" for i in range(40)]
    path, features, probs = _write(tmp_path, texts)
    options = AuditOptions(features_path=str(features), pred_probs_path=str(probs),
                           cache_root=str(tmp_path / "cache"), issue_types=("label",))
    first = run_audit(path, options)
    assert first.stage_cache_hits["audit"] is False
    again = run_audit(path, options)
    assert again.stage_cache_hits["audit"] is True  # same texts: the cached check
    edited = ["same words" if i < 2 else text for i, text in enumerate(texts)]  # rows 0 (a) and 1 (b) now alike
    _write(tmp_path, edited)
    third = run_audit(path, options)
    assert third.stage_cache_hits["audit"] is False
