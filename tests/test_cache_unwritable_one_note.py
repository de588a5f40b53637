"""An unwritable cache folder: every stage's write failed alike and each gave its own note ('could not
write cache entry embeddings/...', then neighbours, pred_probs, audit: four notes for one cause, found by
hostile23 with an immutable --cache-dir), where README promises 'a note says it was not cached'. The
entries that fail for the same cause are now named in the first one's note."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.cache import Cache


def test_every_stage_failing_for_one_cause_gives_one_note(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where the cache folder's parent should be")
    cache = Cache(tmp_path / "blocker" / "cache")
    for stage in ("embeddings", "neighbours", "pred_probs", "audit"):
        cache.save(stage, stage[0] * 64, {"x.npy": np.zeros(3, dtype=np.float32)})
    assert len(cache.events) == 1, cache.events
    note = cache.events[0]
    assert note.startswith(f"could not write cache entry embeddings/{'e' * 8} (nor the 3 after it: neighbours, "
                           "pred_probs, audit): "), note


def test_a_different_cause_keeps_its_own_note(tmp_path: Path, monkeypatch) -> None:
    import errno

    import engine.cache

    (tmp_path / "blocker").write_text("")
    cache = Cache(tmp_path / "blocker" / "c")
    cache.save("embeddings", "e" * 64, {"x.npy": np.zeros(3, dtype=np.float32)})  # Not a directory
    cache.root = tmp_path / "good"

    def full(path, value):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(engine.cache, "_write", full)
    cache.save("audit", "a" * 64, {"x.npy": np.zeros(3, dtype=np.float32)})  # another cause: its own note
    assert len(cache.events) == 2, cache.events
    assert cache.events[1].startswith(f"could not write cache entry audit/{'a' * 8}: ") and "No space" in cache.events[1]
    assert "nor" not in " ".join(cache.events)
