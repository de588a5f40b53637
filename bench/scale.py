"""Audit cost given embeddings and pred_probs, on synthetic data with class structure.

    .venv/bin/python bench/scale.py --sizes 10000,100000
    .venv/bin/python bench/scale.py --sizes 1000000
    nice -n 10 .venv/bin/python bench/scale.py --ray --sizes 100000 --precision bf16   # local vs --ray (bench/_scale_ray.py)

Each size runs in a fresh subprocess (empty cache): run_audit on a DataFrame with
``features_path`` and ``pred_probs_path`` (.npy), so the timings are the neighbour graph
(built once, shared by every issue type) plus Datalab's seven issue types. Data: 384-d unit
vectors around 50 class centres, 1% exact duplicates, 5% flipped labels, pred_probs from a
softmax over centre similarities. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import peak_rss_mib, run_child  # noqa: E402

DIM, CLASSES = 384, 50


def make_data(n: int, folder: Path, seed: int = 0, chunk: int = 100_000):
    """Write the synthetic features/pred_probs/labels, 100k rows at a time straight into .npy
    memmaps, so generating 1M rows does not inflate the child's peak RSS (it is the audit's
    memory that is measured)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((CLASSES, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, CLASSES, n)
    features = np.lib.format.open_memmap(folder / "features.npy", mode="w+", dtype=np.float32, shape=(n, DIM))
    pred_probs = np.lib.format.open_memmap(folder / "pred_probs.npy", mode="w+", dtype=np.float32, shape=(n, CLASSES))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        features[start:stop] = centres[labels[start:stop]] + 0.06 * rng.standard_normal((stop - start, DIM), dtype=np.float32)
    duplicates = np.sort(rng.choice(n, n // 100, replace=False))
    features[duplicates] = features[(duplicates + 1) % n]
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        block = features[start:stop]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        logits = (block @ centres.T) / 0.05
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        pred_probs[start:stop] = probs / probs.sum(axis=1, keepdims=True)
    features.flush(), pred_probs.flush()
    del features, pred_probs
    flipped = rng.choice(n, n // 20, replace=False)
    labels[flipped] = (labels[flipped] + 1) % CLASSES
    frame = pd.DataFrame({"text": [f"row {i}" for i in range(n)], "label": [f"c{c:02d}" for c in labels]})
    frame.to_parquet(folder / "data.parquet", index=False)


def child(n: int, folder: Path) -> None:
    import pandas as pd

    from engine.pipeline import AuditOptions, run_audit
    from engine.result import issue_counts

    started = time.perf_counter()
    make_data(n, folder)
    made = time.perf_counter() - started
    frame = pd.read_parquet(folder / "data.parquet")
    result = run_audit(frame, AuditOptions(
        features_path=str(folder / "features.npy"), pred_probs_path=str(folder / "pred_probs.npy"),
        cache_root=str(folder / "cache"),
    ))
    print(json.dumps({
        "rows": n, "make_data_s": round(made, 2), "timings_s": result.timings_s,
        "issue_type_s": result.output.timings_s, "graph": result.graph.method if result.graph else None,
        "flagged": issue_counts(result), "peak_rss_mib": round(peak_rss_mib(), 1),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--ray", action="store_true", help="the local path beside --ray (a local Ray instance)")
    parser.add_argument("--ray-cpus", type=int, default=2, help="CPUs of the local Ray instance (--ray)")
    parser.add_argument("--embed", action=argparse.BooleanOptionalAction, default=None,
                        help="--ray: synthetic texts embedded (default up to 200k rows) or given vectors")
    parser.add_argument("--ray-child", choices=("local", "ray"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--precision", default="fp32", help="--ray with texts: the embedding precision")
    parser.add_argument("--through", default="audit", help="--ray: the last stage measured (default audit)")
    parser.add_argument("--keep", type=Path, default=None, metavar="FOLDER",
                        help="--ray: keep the data, caches and finished rounds in FOLDER; the same "
                             "command again resumes at the first unfinished round")
    parser.add_argument("--ray-recall", type=int, default=None, metavar="N",
                        help="recall@10 of the --ray graph vs exact search on N synthetic rows")
    args = parser.parse_args()
    if args.ray_recall is not None:
        from bench._scale_ray import recall

        recall(args.ray_recall, args.ray_cpus)
        return
    if args.ray_child is not None:
        from bench._scale_ray import child as ray_child

        ray_child(args.child, args.folder, args.ray_child == "ray", args.embed is not False, args.ray_cpus,
                  args.precision, args.through)
        return
    if args.child is not None:
        child(args.child, args.folder)
        return
    if args.ray:
        from bench._scale_ray import main as ray_main

        from bench._scale_ray import STAGES

        ray_main(list(map(int, args.sizes.split(","))), args.embed, args.ray_cpus, args.precision,
                 STAGES[:STAGES.index(args.through) + 1], args.keep)
        return
    results = []
    for n in map(int, args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="ta-scale-") as tmp:
            result = run_child(["bench/scale.py", "--child", str(n), "--folder", tmp], timeout=3600)
            print(json.dumps(result), flush=True)
            results.append(result)
    base = results[0]["timings_s"]["total"]
    print(json.dumps({
        "bench": "scale", "results": results,
        "audit_total_ratio_to_first": [round(r["timings_s"]["total"] / base, 2) for r in results],
    }))


if __name__ == "__main__":
    main()
