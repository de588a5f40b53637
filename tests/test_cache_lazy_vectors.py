"""A full cache hit does not read the cached vectors; a stage that computes with them reads them
the checked way (checksum, shape, finite values) and recomputes them if they are unusable."""

from __future__ import annotations

import hashlib
import io
import json

import numpy as np
import pandas as pd
import pytest

import engine.cache
from engine.pipeline import AuditOptions, run_audit

FRAME = pd.DataFrame({
    "text": [f"{w} {i}" for i, w in enumerate(["card lost", "my card is gone", "balance please",
                                                 "what is my balance", "top up failed", "top up pending"] * 6)],
    "label": ["card", "card", "balance", "balance", "topup", "topup"] * 6,
})


def _options(root) -> AuditOptions:
    return AuditOptions(model="tfidf", folds=3, cache_root=str(root))


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the cache files whose data is read (checksummed and parsed)."""
    names: list[str] = []
    real = engine.cache.read_file

    def spy(folder_fd, name, *args, **kwargs):
        names.append(name)
        return real(folder_fd, name, *args, **kwargs)

    monkeypatch.setattr(engine.cache, "read_file", spy)
    return names


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.output.issues, b.output.issues)
    pd.testing.assert_frame_equal(a.output.summary, b.output.summary, check_dtype=False)  # object vs str once read
    assert a.output.info == b.output.info and a.output.report == b.output.report
    np.testing.assert_array_equal(a.pred_probs, b.pred_probs)
    assert [n for n in a.notes if n not in a.run_notes] == [n for n in b.notes if n not in b.run_notes]


def test_a_full_cache_hit_does_not_read_the_vectors(tmp_path, reads):
    first = run_audit(FRAME, _options(tmp_path))
    reads.clear()
    again = run_audit(FRAME, _options(tmp_path))
    assert again.cache_hit
    assert "vectors.npy" not in reads and "pred_probs.npy" in reads
    _same(first, again)


def _forge_nan_vectors(root) -> None:
    (folder,) = [p for p in (root / "v1" / "embeddings").iterdir() if not p.name.startswith(".")]
    old = np.load(folder / "vectors.npy")
    buffer = io.BytesIO()
    np.save(buffer, np.full(old.shape, np.nan, np.float32), allow_pickle=False)
    data = buffer.getvalue()
    (folder / "vectors.npy").write_bytes(data)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["vectors.npy"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_vectors_a_stage_needs_are_checked_when_read(tmp_path, reads):
    first = run_audit(FRAME, _options(tmp_path))
    _forge_nan_vectors(tmp_path)  # same size, consistent manifest: only reading the values tells
    for folder in (tmp_path / "v1" / "audit").iterdir():  # the audit stage computes with the vectors
        folder.rename(tmp_path / f"gone-{folder.name}")
    again = run_audit(FRAME, _options(tmp_path))
    assert "vectors.npy" in reads
    assert not again.stage_cache_hits["embed"] and not again.stage_cache_hits["audit"]
    assert any("unusable" in note and "NaN" in note for note in again.notes), again.notes
    pd.testing.assert_frame_equal(first.output.issues, again.output.issues)
    assert run_audit(FRAME, _options(tmp_path)).cache_hit


def test_a_truncated_vectors_file_is_still_found_on_a_full_hit(tmp_path):
    """The size and the .npy header are checked without reading the data."""
    run_audit(FRAME, _options(tmp_path))
    (vectors,) = list(tmp_path.rglob("vectors.npy"))
    vectors.write_bytes(vectors.read_bytes()[:-16])
    again = run_audit(FRAME, _options(tmp_path))
    assert not again.stage_cache_hits["embed"]
    assert any("unusable" in note for note in again.notes)


def _multilabel(root) -> tuple[object, AuditOptions]:
    from engine.demo_multilabel import demo_multilabel_path

    return demo_multilabel_path(), AuditOptions(model="tfidf", folds=3, cache_root=str(root), id_column="id",
                                                label_column="labels")


def test_a_full_multilabel_cache_hit_does_not_read_the_vectors(tmp_path, reads):
    source, options = _multilabel(tmp_path)
    first = run_audit(source, options)
    assert first.dataset.is_multilabel
    reads.clear()
    again = run_audit(source, options)
    assert again.cache_hit
    assert "vectors.npy" not in reads and "pred_probs.npy" in reads
    _same(first, again)


def test_multilabel_vectors_a_stage_needs_are_checked_when_read(tmp_path, reads):
    source, options = _multilabel(tmp_path)
    first = run_audit(source, options)
    _forge_nan_vectors(tmp_path)
    for folder in (tmp_path / "v1" / "audit").iterdir():
        folder.rename(tmp_path / f"gone-{folder.name}")
    again = run_audit(source, options)
    assert "vectors.npy" in reads
    assert not again.stage_cache_hits["embed"] and not again.stage_cache_hits["audit"]
    assert any("unusable" in note and "NaN" in note for note in again.notes), again.notes
    pd.testing.assert_frame_equal(first.output.issues, again.output.issues)


def test_vectors_recomputed_late_count_as_the_embed_stage(tmp_path, monkeypatch):
    """Found unusable by the audit stage and embedded again there: the embed stage is no cache hit and
    the embedding's time is the embed stage's, not the audit's (a clock that jumps 100 s while embedding)."""
    import types

    import engine.stage_runner
    from engine.pipeline import _Runner

    run_audit(FRAME, _options(tmp_path))
    _forge_nan_vectors(tmp_path)
    for folder in (tmp_path / "v1" / "audit").iterdir():
        folder.rename(tmp_path / f"gone-{folder.name}")
    jump = [0.0]
    real_clock, real_encode = engine.stage_runner.time.perf_counter, _Runner._encode

    def encode(self, *args, **kwargs):
        jump[0] += 100.0
        return real_encode(self, *args, **kwargs)

    monkeypatch.setattr(engine.stage_runner, "time", types.SimpleNamespace(perf_counter=lambda: real_clock() + jump[0]))
    monkeypatch.setattr(_Runner, "_encode", encode)
    again = run_audit(FRAME, _options(tmp_path))
    assert jump[0] == 100.0  # embedded once, within the audit stage
    assert not again.stage_cache_hits["embed"] and not again.stage_cache_hits["audit"]
    assert again.timings_s["embed"] >= 100.0 > again.timings_s["audit"], again.timings_s
