"""The lean encoder alone, A/B across environment variants, interleaved, on a shared machine.

    .venv/bin/python bench/encode_ab.py                         # OpenMP wait policies, bf16 where native
    .venv/bin/python bench/encode_ab.py --cpu-profile avx2 --precision fp32 --rows 1000
    .venv/bin/python bench/encode_ab.py --variant passive:OMP_WAIT_POLICY=PASSIVE --variant spin:GOMP_SPINCOUNT=10000

Each variant is an environment (``name:KEY=VALUE,KEY=VALUE``; ``name:`` alone is torch's
default; ``ENCODE_AB_TOKENS_PER_BATCH=N`` sets the encoder's tokens per batch, ``ENCODE_AB_PRECISION=P`` the
precision, so fp32 and int8 can be interleaved: ``--variant fp32:ENCODE_AB_PRECISION=fp32 --variant
int8:ENCODE_AB_PRECISION=int8``; ``ENCODE_AB_REPO=DIR`` imports ``engine`` from another source tree,
e.g. ``git archive HEAD~1 | tar -x -C /tmp/old``, to time a change against its parent) read when torch
loads, so every run is a fresh child: import torch, load the bundled
model's lean encoder, encode 200 texts (oneDNN builds its primitives), then time the encode of
the first ``--rows`` banking77 texts. Rounds run every variant once, in reversed order every
other round. Before each round the parent waits (up to ``--max-wait`` seconds) until the machine
was idle for ``--quiet`` of its CPU time over 2 s; each run records the idle and steal shares of
the whole machine while it ran, so a reader can tell a quiet run from a contended one. The
last line is JSON with the median per variant.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import BANKING77_TRAIN, REPO, cpu_ticks  # noqa: E402
from bench.speed import CPU_PROFILES  # noqa: E402

DEFAULT_VARIANTS = ("passive:OMP_WAIT_POLICY=PASSIVE", "default:", "spin1e4:GOMP_SPINCOUNT=10000")
_CLEARED = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_NUM_THREADS")  # each variant says its own


def child(rows: int, precision: str) -> None:
    import csv

    import torch  # first, so the variant's environment is what libgomp reads

    if os.environ.get("ENCODE_AB_REPO"):  # this variant's engine comes from another tree
        sys.path.insert(0, os.environ["ENCODE_AB_REPO"])
    from engine import bert_encoder
    from engine.embed_model import model_path, resolve_precision

    with BANKING77_TRAIN.open(newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:rows]
    effective = resolve_precision(os.environ.get("ENCODE_AB_PRECISION", precision), "cpu", None)
    if os.environ.get("ENCODE_AB_TOKENS_PER_BATCH"):  # a variant may try another batch size
        bert_encoder.TOKENS_PER_BATCH = int(os.environ["ENCODE_AB_TOKENS_PER_BATCH"])
    encoder = bert_encoder.BertMeanEncoder(model_path("all-MiniLM-L6-v2"), precision=effective)
    encoder.encode(texts[-200:])
    cpu, wall = time.process_time(), time.perf_counter()
    encoder.encode(texts)
    print(json.dumps({"encode_s": round(time.perf_counter() - wall, 3), "cpu_s": round(time.process_time() - cpu, 3),
                      "engine": str(Path(bert_encoder.__file__).parents[1]),
                      "precision": effective, "threads": torch.get_num_threads(),
                      "capability": torch.backends.cpu.get_cpu_capability(),
                      "tokens_per_batch": bert_encoder.TOKENS_PER_BATCH}))


def shares(before: list[int] | None, after: list[int] | None) -> dict[str, float | None]:
    """Idle and steal shares of the machine's CPU time between two /proc/stat readings."""
    if not before or not after:
        return {"idle": None, "steal": None}
    delta = [b - a for a, b in zip(before, after)]
    total = sum(delta[:8]) or 1
    return {"idle": round((delta[3] + delta[4]) / total, 3), "steal": round(delta[7] / total, 3)}


def wait_quiet(quiet: float, max_wait: float) -> dict[str, float | None]:
    deadline = time.monotonic() + max_wait
    while True:
        before = cpu_ticks()
        time.sleep(2)
        seen = shares(before, cpu_ticks())
        if seen["idle"] is None or seen["idle"] >= quiet or time.monotonic() > deadline:
            return seen


def parse_variant(text: str) -> tuple[str, dict[str, str]]:
    name, _, assignments = text.partition(":")
    env = dict(item.split("=", 1) for item in assignments.split(",") if item)
    return name, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", help="name:KEY=VALUE,... (repeat); default: "
                        + " ".join(DEFAULT_VARIANTS))
    parser.add_argument("--rows", type=int, default=2000, help="first N banking77 train texts (default 2000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cpu-profile", choices=tuple(CPU_PROFILES), default="native")
    parser.add_argument("--precision", default="auto")
    parser.add_argument("--quiet", type=float, default=0.8, help="idle share to wait for before a round")
    parser.add_argument("--max-wait", type=float, default=300, help="seconds to wait for it per round")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.rows, args.precision)
        return
    variants = [parse_variant(v) for v in (args.variant or DEFAULT_VARIANTS)]
    base = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    base.update(CPU_PROFILES[args.cpu_profile])
    times: dict[str, list[float]] = {name: [] for name, _ in variants}
    for round_ in range(args.rounds):
        before_round = wait_quiet(args.quiet, args.max_wait)
        for name, env in variants if round_ % 2 == 0 else variants[::-1]:
            ticks = cpu_ticks()
            done = subprocess.run([sys.executable, __file__, "--child", "--rows", str(args.rows),
                                   "--precision", args.precision], env={**base, **env}, cwd=REPO,
                                  capture_output=True, text=True, check=True)
            run = json.loads(done.stdout.strip().splitlines()[-1])
            times[name].append(run["encode_s"])
            print(json.dumps({"round": round_, "variant": name, **run, "idle_before": before_round["idle"],
                              "during": shares(ticks, cpu_ticks()), "load_1min": round(os.getloadavg()[0], 2),
                              "at": time.strftime("%H:%M:%S")}), flush=True)
    print(json.dumps({"bench": "encode_ab", "cpu_profile": args.cpu_profile, "rows": args.rows,
                      "median_encode_s": {name: round(statistics.median(t), 3) for name, t in times.items()},
                      "min_encode_s": {name: min(t) for name, t in times.items()}}))


if __name__ == "__main__":
    main()
