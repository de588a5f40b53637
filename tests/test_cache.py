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


# --------------------------------------------------------------------------- hostile cache entries (defect 9)
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from engine.cache import MANIFEST  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _entry(root: Path, stage: str) -> Path:
    (folder,) = [p for p in (root / "v1" / stage).iterdir() if not p.name.startswith(".")]
    return folder


def _set_manifest(folder: Path, change) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _forge(folder: Path, name: str, data: bytes) -> None:
    """Replace a file and make the manifest agree with it: only a content check can tell."""
    (folder / name).write_bytes(data)
    _set_manifest(folder, lambda m: m["files"].__setitem__(
        name, {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}))


def _npy(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


@pytest.fixture()
def warm(cache_root):
    """A finished audit and its cache."""
    return run_audit(FRAME, _options(cache_root))


def _recomputes(cache_root, first, stage_hit: str) -> None:
    again = run_audit(FRAME, _options(cache_root))
    assert not again.stage_cache_hits[stage_hit], again.stage_cache_hits
    assert any("unusable" in note for note in again.notes), again.notes
    pd.testing.assert_frame_equal(first.output.issues, again.output.issues)
    assert run_audit(FRAME, _options(cache_root)).cache_hit  # the rewritten entry is good


ODD_MANIFESTS = {
    "deeply nested": lambda folder: (folder / MANIFEST).write_text("[" * 100_000 + "]" * 100_000),
    "a list": lambda folder: (folder / MANIFEST).write_text("[]"),
    "files a list": lambda folder: _set_manifest(folder, lambda m: m.__setitem__("files", [])),
    "size a string": lambda folder: _set_manifest(
        folder, lambda m: m["files"]["indices.npy"].__setitem__("size", "12")),
    "file outside": lambda folder: _set_manifest(
        folder, lambda m: m["files"].__setitem__("../../x.npy", m["files"]["indices.npy"])),
    "meta a list": lambda folder: _set_manifest(folder, lambda m: m.__setitem__("meta", [1])),
    "meta without method": lambda folder: _set_manifest(folder, lambda m: m.__setitem__("meta", {})),
    "notes a dict": lambda folder: _set_manifest(folder, lambda m: m["meta"].__setitem__("notes", {"a": 1})),
    "created a dict": lambda folder: _set_manifest(folder, lambda m: m.__setitem__("created", {})),
    "huge": lambda folder: (folder / MANIFEST).write_bytes(b" " * (2 << 20) + b"{}"),
}


@pytest.mark.parametrize("case", list(ODD_MANIFESTS))
def test_odd_manifests_are_recomputed_not_crashes(case, cache_root, warm):
    """RecursionError, KeyError or AttributeError (exit 70) from a manifest of an odd shape."""
    ODD_MANIFESTS[case](_entry(cache_root, "neighbours"))
    _recomputes(cache_root, warm, "neighbours")


FORGED = {
    "pred_probs of another shape": ("pred_probs", "pred_probs.npy", lambda n: np.full((n + 1, 2), 0.5, np.float32)),
    "pred_probs not summing to 1": ("pred_probs", "pred_probs.npy", lambda n: np.full((n, 2), 0.7, np.float32)),
    "pred_probs float64": ("pred_probs", "pred_probs.npy", lambda n: np.full((n, 2), 0.5)),
    "vectors of another row count": ("embeddings", "vectors.npy", lambda n: np.ones((n - 1, 4), np.float32)),
    "vectors with NaN": ("embeddings", "vectors.npy", lambda n: np.full((n, 4), np.nan, np.float32)),
    "neighbours out of range": ("neighbours", "indices.npy", lambda n: np.full((n, 3), n + 5, np.int32)),
}


@pytest.mark.parametrize("case", list(FORGED))
def test_forged_arrays_with_a_consistent_manifest_are_recomputed(case, cache_root, warm):
    stage, name, make = FORGED[case]
    folder = _entry(cache_root, stage)
    _forge(folder, name, _npy(make(len(FRAME))))
    if stage == "neighbours":  # keep the distances the same shape: only the values are wrong
        _forge(folder, "distances.npy", _npy(np.zeros((len(FRAME), 3), np.float32)))
    if case == "vectors with NaN":  # read only by a stage that computes with them (test_cache_lazy_vectors)
        shutil.rmtree(_entry(cache_root, "audit"))
    _recomputes(cache_root, warm, {"embeddings": "embed", "pred_probs": "predict"}.get(stage, stage))


def test_an_entry_that_is_a_link_is_refused_and_its_target_kept(cache_root, warm, tmp_path):
    folder = _entry(cache_root, "pred_probs")
    outside = tmp_path / "outside"
    folder.rename(outside)
    folder.symlink_to(outside, target_is_directory=True)
    _recomputes(cache_root, warm, "predict")
    assert (outside / "pred_probs.npy").is_file() and (outside / MANIFEST).is_file()


_HANG_SCRIPT = """
import sys
import pandas as pd
from engine.pipeline import AuditOptions, run_audit
frame = pd.read_json(sys.argv[2])
result = run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=sys.argv[1]))
print(len(result.output.issues), any("unusable" in n for n in result.notes))
"""


def test_fifo_and_device_in_the_cache_do_not_hang(cache_root, warm, tmp_path):
    """A manifest that is a FIFO, and a vectors file linked to /dev/zero with a manifest that
    claims it is empty, used to block forever (run in a subprocess: a hang fails, not freezes)."""
    os.unlink(_entry(cache_root, "neighbours") / MANIFEST)
    os.mkfifo(_entry(cache_root, "neighbours") / MANIFEST)
    vectors = _entry(cache_root, "embeddings") / "vectors.npy"
    vectors.unlink()
    vectors.symlink_to("/dev/zero")
    _set_manifest(vectors.parent, lambda m: m["files"].__setitem__(
        "vectors.npy", {"size": 0, "sha256": hashlib.sha256(b"").hexdigest()}))
    frame_json = tmp_path / "frame.json"
    FRAME.to_json(frame_json)
    done = subprocess.run([sys.executable, "-c", _HANG_SCRIPT, str(cache_root), str(frame_json)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(FRAME)), "True"]
