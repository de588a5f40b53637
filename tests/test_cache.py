"""The cache: a second run is a hit, only changed stages recompute, corruption is recomputed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.pipeline import AuditOptions, run_audit

FRAME = pd.DataFrame(
    {
        "text": [f"{w} number {i}" for i in range(12) for w in ("apple", "train")][:24],
        "label": ["fruit", "vehicle"] * 12,
    }
)


@pytest.fixture()
def cache_root(tmp_path):
    return tmp_path / "cache"


def _options(cache_root, **extra) -> AuditOptions:
    return AuditOptions(model="tfidf", folds=3, cache_root=str(cache_root), **extra)


def test_second_run_is_a_hit(cache_root):
    first = run_audit(FRAME, _options(cache_root))
    second = run_audit(FRAME, _options(cache_root))
    assert not first.cache_hit and second.cache_hit
    pd.testing.assert_frame_equal(first.output.issues, second.output.issues)
    np.testing.assert_array_equal(first.pred_probs, second.pred_probs)


def test_label_change_reuses_embeddings_and_graph(cache_root):
    run_audit(FRAME, _options(cache_root))
    flipped = FRAME.copy()
    flipped.loc[0, "label"] = "vehicle"
    result = run_audit(flipped, _options(cache_root))
    assert result.stage_cache_hits == {"embed": True, "predict": False, "neighbours": True, "audit": False}


def test_settings_change_recomputes_predictions(cache_root):
    run_audit(FRAME, _options(cache_root))
    result = run_audit(FRAME, AuditOptions(model="tfidf", folds=4, cache_root=str(cache_root)))
    assert result.stage_cache_hits["embed"] and not result.stage_cache_hits["predict"]


def test_no_cache_writes_nothing(cache_root):
    run_audit(FRAME, _options(cache_root, use_cache=False))
    assert not cache_root.exists() or not any(cache_root.rglob("manifest.json"))


def test_corrupt_entry_is_recomputed_and_reported(cache_root):
    first = run_audit(FRAME, _options(cache_root))
    (vectors,) = list(cache_root.rglob("vectors.npy"))
    vectors.write_bytes(vectors.read_bytes()[:-16])  # truncated
    (issues,) = list(cache_root.rglob("issues.parquet"))
    issues.write_bytes(b"garbage")
    again = run_audit(FRAME, _options(cache_root))
    assert not again.stage_cache_hits["embed"] and not again.stage_cache_hits["audit"]
    assert any("unusable" in note for note in again.notes)
    pd.testing.assert_frame_equal(first.output.issues, again.output.issues)
    third = run_audit(FRAME, _options(cache_root))
    assert third.cache_hit
