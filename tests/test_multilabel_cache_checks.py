"""A multi-label audit's cached stages are checked as a single-label audit's are: a cache entry whose
files pass their checksums but whose contents cannot be used (a same-size forgery with a consistent
manifest: NaN probabilities) is rejected, reported and recomputed. The multi-label predict and audit
stages read their entries without those checks, so NaN probabilities reached the result and the app."""

from __future__ import annotations

import hashlib
import io
import json

import numpy as np

from engine.demo_multilabel import demo_multilabel_path
from engine.pipeline import AuditOptions, run_audit


def _options(root) -> AuditOptions:
    return AuditOptions(model="tfidf", folds=3, cache_root=str(root), id_column="id", label_column="labels")


def _forge(root, stage: str, name: str, values: np.ndarray) -> None:
    """``values`` written over the entry's ``name``, its manifest made to match (only the values tell)."""
    (folder,) = [p for p in (root / "v1" / stage).iterdir() if not p.name.startswith(".")]
    buffer = io.BytesIO()
    np.save(buffer, values, allow_pickle=False)
    data = buffer.getvalue()
    (folder / name).write_bytes(data)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_forged_label_probabilities_are_found_and_recomputed(tmp_path):
    first = run_audit(demo_multilabel_path(), _options(tmp_path))
    assert first.dataset.is_multilabel
    _forge(tmp_path, "pred_probs", "pred_probs.npy", np.full(first.pred_probs.shape, np.nan, np.float32))
    again = run_audit(demo_multilabel_path(), _options(tmp_path))
    assert np.isfinite(again.pred_probs).all()  # were NaN: the forged entry used as it was
    assert not again.stage_cache_hits["predict"]
    assert any("unusable" in note and "per-label probabilities" in note for note in again.notes), again.notes
    np.testing.assert_allclose(again.pred_probs, first.pred_probs, atol=1e-6)
    assert run_audit(demo_multilabel_path(), _options(tmp_path)).cache_hit  # the recomputed entry is kept


def test_probabilities_outside_zero_one_are_refused_too(tmp_path):
    first = run_audit(demo_multilabel_path(), _options(tmp_path))
    _forge(tmp_path, "pred_probs", "pred_probs.npy", (first.pred_probs * 3).astype(np.float32))
    again = run_audit(demo_multilabel_path(), _options(tmp_path))
    assert not again.stage_cache_hits["predict"] and (again.pred_probs <= 1).all()
