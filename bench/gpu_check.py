"""The CUDA path end to end, in one run on one NVIDIA GPU (goal: under 8 minutes).

    .venv/bin/python bench/gpu_check.py [--cpu-issues ISSUES] [--banking77 TRAIN_CSV] [--rows-1m 1000000]

Checks, each timed, on the GPU with a CUDA build of torch:
1. fp16 vs fp32 vectors of banking77 train (cosine per row: min, mean).
2. GPU neighbour search (faiss GPU when that faiss build has GPUs, else engine.neighbours'
   torch fp16 block matmul + top-k with fp32 rescoring) vs exact CPU search (faiss flat):
   recall@10, and every row with an exact duplicate keeps it at distance 0.
3. A full cold audit of banking77 train on the GPU, its flags compared with a CPU run: the
   per-row issue table a CPU ``textaudit audit --issues-out`` wrote (``--cpu-issues``), else
   a CPU and a GPU audit of the first ``--sample`` rows.
4. The 1M-row synthetic scale run (bench/scale.py's data, given vectors) with the GPU graph.

Prints exactly one JSON line on stdout (each step's figures also go to stderr as it ends, so a
run stopped at a time limit still shows the steps it finished). Without a CUDA GPU it prints one
JSON line saying so and exits 2.
Run on one NVIDIA H200 in session 13: ok, 292 s; figures in bench/README.md ("The GPU check, run on a GPU").
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
BANKING77 = Path(__file__).resolve().parents[2] / "shared" / "data" / "banking77" / "train.csv"
# The device and half precision checked; tests/test_gpu_check.py swaps in cpu / bf16 to run the
# same plumbing on small data without a GPU.
DEVICE, HALF = "cuda", "fp16"
STEPS = ("vectors", "graph_banking77", "graph_synthetic", "audit_banking77", "scale_1m")
FLAG_TYPES = ("label", "outlier", "near_duplicate", "null", "non_iid", "class_imbalance", "underperforming_group")


def no_gpu_reason() -> str | None:
    """None when torch sees a CUDA device, else why not (one line)."""
    try:
        import torch
    except ImportError:
        return "torch is not installed"
    if not torch.cuda.is_available():
        build = "a CPU-only torch build" if torch.version.cuda is None else f"torch built for CUDA {torch.version.cuda}"
        return f"no CUDA GPU visible (torch.cuda.is_available() is False; {build})"
    return None


def check_vectors(texts: list[str]) -> tuple[dict, np.ndarray]:
    from engine.embed import embed_texts

    started = time.perf_counter()
    fp32 = embed_texts(texts, device=DEVICE, precision="fp32")
    fp32_s = time.perf_counter() - started
    started = time.perf_counter()
    fp16 = embed_texts(texts, device=DEVICE, precision=HALF)
    fp16_s = time.perf_counter() - started
    cosine = np.sum(fp32 * fp16, axis=1)
    return {"rows": len(texts), "cosine_min": round(float(cosine.min()), 6), "cosine_mean": round(float(cosine.mean()), 6),
            "fp32_s": round(fp32_s, 2), "fp16_s": round(fp16_s, 2)}, fp16


def check_graph(vectors: np.ndarray, label: str) -> dict:
    from engine.distributed.graph import recall_at_k
    from engine.neighbours import build_graph

    started = time.perf_counter()
    gpu = _faiss_gpu_graph(vectors)
    method = "faiss-gpu" if gpu is not None else "torch exact-gpu (fp16 matmul, fp32 rescoring)"
    if gpu is None:
        gpu = build_graph(vectors, method="exact-gpu", device=DEVICE)
    gpu_s = time.perf_counter() - started
    started = time.perf_counter()
    cpu = build_graph(vectors, method="exact")
    cpu_s = time.perf_counter() - started
    return {"data": label, "rows": len(vectors), "method": method, "gpu_s": round(gpu_s, 2), "cpu_exact_s": round(cpu_s, 2),
            "recall_at_10": round(recall_at_k(gpu.indices, cpu.indices), 5), **_duplicates_at_zero(vectors, gpu)}


def _faiss_gpu_graph(vectors: np.ndarray):
    """The exact graph from faiss's GPU flat index, or None when this faiss has no GPU support."""
    try:
        import faiss
    except ImportError:
        return None
    if not hasattr(faiss, "StandardGpuResources") or faiss.get_num_gpus() < 1:
        return None
    from engine.neighbours import drop_self, finish_graph

    index = faiss.GpuIndexFlatIP(faiss.StandardGpuResources(), vectors.shape[1])
    index.add(vectors)
    sims, idx = index.search(vectors, 11)
    sims, idx = drop_self(sims, idx, np.arange(len(vectors)), 10)
    return finish_graph(vectors, sims, idx, "exact-gpu")


def _duplicates_at_zero(vectors: np.ndarray, graph) -> dict:
    """Rows with an exact duplicate elsewhere: how many have distance 0 to their first neighbour."""
    _, first, counts = np.unique(vectors.view(np.dtype((np.void, vectors.dtype.itemsize * vectors.shape[1]))).ravel(),
                                 return_inverse=True, return_counts=True)
    duplicated = counts[first] > 1
    at_zero = graph.distances[:, 0] == 0.0
    return {"rows_with_exact_duplicate": int(duplicated.sum()),
            "their_first_distance_is_0": int((duplicated & at_zero).sum())}


def flags_of(issues) -> dict[str, np.ndarray]:
    return {t: issues[f"is_{t}_issue"].to_numpy(dtype=bool) for t in FLAG_TYPES if f"is_{t}_issue" in issues}


def compare_flags(gpu: dict[str, np.ndarray], cpu: dict[str, np.ndarray]) -> dict:
    return {t: {"gpu": int(gpu[t].sum()), "cpu": int(cpu[t].sum()), "rows_differing": int((gpu[t] != cpu[t]).sum())}
            for t in gpu if t in cpu and len(gpu[t]) == len(cpu[t])}


def check_audit(cpu_issues: Path | None, sample: int, folder: Path, banking77: Path = BANKING77) -> dict:
    import pandas as pd

    from engine.pipeline import AuditOptions, run_audit

    def audit(source, device: str, name: str):
        options = AuditOptions(label_column="category", device=device, cache_root=str(folder / f"cache-{name}"))
        started = time.perf_counter()
        result = run_audit(source, options)
        return result, round(time.perf_counter() - started, 2)

    gpu, gpu_s = audit(str(banking77), DEVICE, "gpu-full")
    out = {"rows": len(gpu.dataset), "gpu_cold_s": gpu_s, "gpu_timings_s": gpu.timings_s}
    if cpu_issues is not None:
        from engine.load import read_table

        out["compared_with"] = str(cpu_issues)
        out["flags"] = compare_flags(flags_of(gpu.output.issues), flags_of(read_table(cpu_issues)))
        return out
    frame = pd.read_csv(banking77).head(sample)
    path = folder / f"banking77_train_{sample}.csv"
    frame.to_csv(path, index=False)
    gpu_part, _ = audit(str(path), DEVICE, "gpu-sample")
    cpu_part, cpu_s = audit(str(path), "cpu", "cpu-sample")
    out["compared_with"] = f"CPU and GPU audits of the first {sample} rows"
    out["cpu_sample_s"] = cpu_s
    out["flags"] = compare_flags(flags_of(gpu_part.output.issues), flags_of(cpu_part.output.issues))
    return out


def check_scale(rows: int, folder: Path) -> dict:
    import pandas as pd

    from bench.scale import make_data
    from engine.pipeline import AuditOptions, run_audit
    from engine.result import issue_counts

    folder.mkdir(parents=True, exist_ok=True)
    make_data(rows, folder)
    started = time.perf_counter()
    result = run_audit(pd.read_parquet(folder / "data.parquet"), AuditOptions(
        features_path=str(folder / "features.npy"), pred_probs_path=str(folder / "pred_probs.npy"),
        device=DEVICE, cache_root=str(folder / "cache")))
    return {"rows": rows, "wall_s": round(time.perf_counter() - started, 2), "timings_s": result.timings_s,
            "graph": result.graph.method if result.graph else None, "flagged": issue_counts(result)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu-issues", type=Path, default=None,
                        help="per-row issue table of a CPU audit of banking77 train (textaudit audit --issues-out)")
    parser.add_argument("--banking77", type=Path, default=BANKING77,
                        help="banking77 train.csv (default: ../shared/data/banking77/train.csv beside the repo)")
    parser.add_argument("--sample", type=int, default=2000, help="rows of the CPU/GPU comparison without --cpu-issues")
    parser.add_argument("--rows-1m", type=int, default=1_000_000, help="rows of the synthetic scale run")
    parser.add_argument("--graph-rows", type=int, default=200_000, help="synthetic rows of the graph check")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"the checks to run, comma-separated (default all: {','.join(STEPS)})")
    args = parser.parse_args()
    chosen = [step for step in args.steps.split(",") if step]
    unknown = sorted(set(chosen) - set(STEPS))
    if unknown or not chosen:
        parser.error(f"--steps: unknown {', '.join(unknown) or '(none given)'}; choose from {','.join(STEPS)}")
    reason = no_gpu_reason()
    if reason is not None:
        print(json.dumps({"bench": "gpu_check", "gpu": None, "error": f"gpu_check needs a CUDA GPU: {reason}"}))
        return 2
    if not args.banking77.exists() and {"vectors", "graph_banking77", "audit_banking77"} & set(chosen):
        print(json.dumps({"bench": "gpu_check", "error": f"banking77 train not found at {args.banking77}"}))
        return 2
    import pandas as pd
    import torch

    started = time.perf_counter()
    out: dict = {"bench": "gpu_check", "gpu": torch.cuda.get_device_name(0), "torch": torch.__version__}
    steps = []
    with tempfile.TemporaryDirectory(prefix="ta-gpu-check-") as tmp:
        folder = Path(tmp)
        texts = pd.read_csv(args.banking77)["text"].fillna("").astype(str).tolist() if args.banking77.exists() else []
        fp16: list[np.ndarray] = []

        def vectors() -> dict:
            figures, vectors16 = check_vectors(texts)
            fp16.append(vectors16)
            return figures

        steps.append(("vectors", vectors))
        steps.append(("graph_banking77", lambda: check_graph(fp16[0] if fp16 else check_vectors(texts)[1],
                                                             "banking77 train fp16")))
        steps.append(("graph_synthetic", lambda: _synthetic_graph(args.graph_rows, folder)))
        steps.append(("audit_banking77", lambda: check_audit(args.cpu_issues, args.sample, folder, args.banking77)))
        steps.append(("scale_1m", lambda: check_scale(args.rows_1m, folder / "scale")))
        steps = [(name, step) for name, step in steps if name in chosen]
        for name, step in steps:
            step_started = time.perf_counter()
            try:
                out[name] = step()
            except Exception as exc:  # noqa: BLE001 - one failing check must not hide the others
                out[name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
            out[name]["step_s"] = round(time.perf_counter() - step_started, 2)
            print(f"# {name}: {json.dumps(out[name])}", file=sys.stderr, flush=True)
    out["total_s"] = round(time.perf_counter() - started, 2)
    out["ok"] = all("error" not in out[name] for name, _ in steps)
    print(json.dumps(out))
    return 0 if out["ok"] else 1


def _synthetic_graph(rows: int, folder: Path) -> dict:
    from bench.scale import make_data

    target = folder / "graph"
    target.mkdir()
    make_data(rows, target)
    return check_graph(np.load(target / "features.npy"), f"bench/scale.py synthetic, {rows:,} rows (1% exact duplicates)")


if __name__ == "__main__":
    sys.exit(main())
