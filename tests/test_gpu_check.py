"""bench/gpu_check.py without a GPU: one JSON line saying why, exit 2 (its GPU path needs a GPU)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_gpu_check_without_a_gpu_says_so_in_one_line():
    done = subprocess.run([sys.executable, "bench/gpu_check.py"], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "CUDA_VISIBLE_DEVICES": ""}, timeout=300)
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert answer["gpu"] is None and "needs a CUDA GPU" in answer["error"]
    assert "Traceback" not in done.stderr


def test_every_step_of_the_gpu_check_runs_on_cpu_with_small_data(tmp_path, monkeypatch, capsys):
    """The script's plumbing, with its device and half precision swapped to cpu / fp32: every step
    runs on small data (the demo as the 'banking77' file, a few thousand synthetic rows), and two
    audits on the same device give the same flags. A GPU is needed only for the figures."""
    import pandas as pd

    sys.path.insert(0, str(REPO))
    import bench.gpu_check as gpu_check

    # every other demo row (129, all seven classes): the vectors step embeds the whole file twice
    demo = pd.read_csv(REPO / "engine" / "data" / "demo.csv").rename(columns={"label": "category"}).iloc[::2]
    data = tmp_path / "small.csv"
    demo[["text", "category"]].to_csv(data, index=False)
    monkeypatch.setattr(gpu_check, "DEVICE", "cpu")
    monkeypatch.setattr(gpu_check, "HALF", "fp32")
    monkeypatch.setattr(gpu_check, "no_gpu_reason", lambda: None)
    monkeypatch.setattr("torch.cuda.get_device_name", lambda index=0: "cpu stand-in")
    monkeypatch.setattr(sys, "argv", ["gpu_check.py", "--banking77", str(data), "--sample", "120",
                                      "--graph-rows", "1500", "--rows-1m", "3000"])
    assert gpu_check.main() == 0
    answer = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert answer["ok"] is True
    assert set(gpu_check.STEPS) <= set(answer)
    assert answer["vectors"]["rows"] == len(demo) and answer["vectors"]["cosine_min"] > 0.9999
    graph = answer["graph_synthetic"]
    assert graph["rows_with_exact_duplicate"] > 0
    assert graph["their_first_distance_is_0"] == graph["rows_with_exact_duplicate"]
    assert all(figures["rows_differing"] == 0 for figures in answer["audit_banking77"]["flags"].values())
    assert answer["scale_1m"]["rows"] == 3000 and answer["scale_1m"]["flagged"]["label"] > 0
