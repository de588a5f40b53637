"""On a CUDA machine the default ``--device auto`` reaches the neighbour search resolved.

Found on a real H200 (session 14): ``textaudit audit train.csv`` chose the GPU search from the
resolved device but handed the search the option as given, ``"auto"``, which torch refuses as a
device (internal error, exit 70). No GPU here: the pipeline is told this machine has CUDA and the
GPU search runs its blocked matmul on torch's CPU device.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import engine.neighbours
import engine.pipeline
from engine.pipeline import AuditOptions, run_audit


def test_auto_on_a_cuda_machine_gives_the_search_cuda_not_auto(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    labels = np.repeat(["a", "b", "c"], 20)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors[:, :3] += 3.0 * (labels[:, None] == np.array(["a", "b", "c"]))
    np.save(tmp_path / "features.npy", vectors)
    frame = pd.DataFrame({"text": [f"row {i}" for i in range(60)], "label": labels})
    real_build_graph = engine.neighbours.build_graph
    seen: list[tuple[str | None, str]] = []

    def build_graph(vectors, *, device="cpu", method=None, **kwargs):
        seen.append((method, device))
        return real_build_graph(vectors, method=method, device="cpu", **kwargs)

    monkeypatch.setattr(engine.pipeline, "resolve_device", lambda device: "cuda" if device == "auto" else device)
    monkeypatch.setattr(engine.neighbours, "build_graph", build_graph)
    options = AuditOptions(features_path=str(tmp_path / "features.npy"), device="auto",
                           issue_types="outlier,near-duplicate", cache_root=str(tmp_path / "cache"))
    result = run_audit(frame, options)
    assert seen == [("exact-gpu", "cuda")]
    assert result.graph is not None and result.graph.method == "exact-gpu"
