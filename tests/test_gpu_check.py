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
