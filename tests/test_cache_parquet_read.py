"""Cached frames are parsed from memory Arrow owns, on the calling thread.

Handed the Python file, Arrow's I/O pool could release the last reference to a Python-owned
buffer while the interpreter was exiting: a finished warm run then died with SIGABRT
('terminate called without an active exception', apache/arrow#34314; about 1 warm run in 20
under load here). The exit race itself is timing-bound, so this checks what removes it."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

import engine.cache_read
from engine.cache import Cache


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"issue_type": ["label", "outlier", None], "score": [0.1, 0.5, float("nan")],
                         "num_issues": [3, 0, 1]}, index=[0, 1, 2])


def test_a_cached_frame_is_parsed_from_arrow_memory_on_this_thread(tmp_path, monkeypatch):
    cache = Cache(root=tmp_path)
    cache.save("audit", "k" * 64, {"issues.parquet": _frame()}, {"v": 1})
    calls: list[tuple[object, dict]] = []
    real = pd.read_parquet

    def recording(source, **kwargs):
        calls.append((source, kwargs))
        return real(source, **kwargs)

    monkeypatch.setattr(engine.cache_read.pd, "read_parquet", recording)
    loaded = cache.load("audit", "k" * 64)
    assert loaded is not None
    pd.testing.assert_frame_equal(loaded["issues"], real(tmp_path / "v1" / "audit" / ("k" * 64) / "issues.parquet"))
    [(source, kwargs)] = calls
    assert isinstance(source, pa.BufferReader)  # not the Python file: no Python buffer in Arrow's pool
    assert kwargs.get("use_threads") is False and kwargs.get("pre_buffer") is False


def test_a_changed_cached_frame_is_still_refused(tmp_path):
    cache = Cache(root=tmp_path)
    cache.save("audit", "k" * 64, {"issues.parquet": _frame()}, {"v": 1})
    path = tmp_path / "v1" / "audit" / ("k" * 64) / "issues.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.load("audit", "k" * 64) is None
    assert any("does not match its checksum" in event for event in cache.events)
