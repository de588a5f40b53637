"""The fp32 GEMM throughput this CPU gives torch on its threads: the floor under the encoder.

    .venv/bin/python bench/gemm_peak.py                     # all kernels this CPU has
    .venv/bin/python bench/gemm_peak.py --cpu-profile avx2  # held to AVX2, as bench/speed.py does

Runs itself in a child with the profile's environment (the kernels are picked when torch
loads), times ``torch.mm`` on the encoder's shapes and a large square-ish one, best of
``--repeats``, and prints one JSON line: GFLOP/s per shape, torch's CPU capability, threads and
the load average. bench/README.md turns the best figure into the encoder's arithmetic floor.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.speed import CPU_PROFILES  # noqa: E402

SHAPES = ((1024, 384, 1152), (1024, 384, 1536), (1024, 1536, 384), (4096, 1024, 4096))


def measure(repeats: int) -> dict:
    import torch

    figures = {}
    for m, k, n in SHAPES:
        a, b = torch.randn(m, k), torch.randn(k, n)
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            torch.mm(a, b)
            best = min(best, time.perf_counter() - started)
        figures[f"{m}x{k}x{n}"] = round(2 * m * k * n / best / 1e9, 1)
    return {"gflops_best": figures, "capability": torch.backends.cpu.get_cpu_capability(),
            "threads": torch.get_num_threads(), "load_average_1min": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu-profile", choices=tuple(CPU_PROFILES), default="native")
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeats)))
        return
    env = {**os.environ, **CPU_PROFILES[args.cpu_profile]}
    done = subprocess.run([sys.executable, __file__, "--child", "--repeats", str(args.repeats)],
                          env=env, capture_output=True, text=True, check=True)
    print(json.dumps({"bench": "gemm_peak", "cpu_profile": args.cpu_profile, **json.loads(done.stdout)}))


if __name__ == "__main__":
    main()
