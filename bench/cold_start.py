"""Where a cold run's time goes between the command and the first encoded batch.

    .venv/bin/python bench/cold_start.py                    # native and avx2 profiles, auto precision
    .venv/bin/python bench/cold_start.py --precision fp32

Each profile runs in a fresh child (kernels are chosen at import): interpreter start to
``import engine``, reading the CSV, importing torch (as the pipeline does, GC paused), loading
the encoder (weights, tokenizer, int8 layers), tokenising, the first batch (about 1,024 tokens)
and the first chunk embed_texts encodes (2,048 texts, longest first, as it does). The last line
is JSON.
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
from bench._common import BANKING77_TRAIN, REPO  # noqa: E402
from bench.speed import CPU_PROFILES  # noqa: E402


def child(csv: str, precision: str, started: float) -> None:
    marks = {"interpreter": time.time() - started}
    last = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        marks[name] = round(now - last, 3)
        last = now

    import engine  # noqa: F401

    mark("import_engine")
    from engine.load import load_dataset

    dataset = load_dataset(csv, text_column="text", label_column="category")
    mark("read_csv")
    from engine.imports import import_with_gc_paused

    import_with_gc_paused("torch", "safetensors.torch")
    mark("import_torch")
    from engine.embed import load_model, resolve_precision

    effective = resolve_precision(precision, "cpu")
    encoder = load_model(None, "cpu", precision)
    mark("load_encoder")
    texts = sorted(dataset.texts, key=len, reverse=True)[:2048]
    encoder.token_ids(texts)
    mark("tokenise")
    first: list[float] = []
    encoder.encode(texts, progress=lambda done: first.append(time.perf_counter()) if not first else None)
    marks["first_batch"] = round(first[0] - last, 3)
    mark("first_chunk")
    marks["to_first_batch"] = round(time.time() - started - marks["first_chunk"] + marks["first_batch"], 3)
    print(json.dumps({"precision": effective, "seconds": marks}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BANKING77_TRAIN)
    parser.add_argument("--precision", default="auto")
    parser.add_argument("--profiles", default="native,avx2")
    parser.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(str(args.data), args.precision, args.child)
        return
    out = {"bench": "cold_start", "data": str(args.data), "profiles": {}}
    for name in args.profiles.split(","):
        load = os.getloadavg()[0]
        done = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--precision", args.precision, "--child", str(time.time())],
            capture_output=True, text=True, cwd=REPO, env={**os.environ, **CPU_PROFILES[name]}, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["load_average_1min"] = round(load, 2)
        out["profiles"][name] = result
        print(name, json.dumps(result), flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
