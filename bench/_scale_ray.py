"""``bench/scale.py --ray``: the local path beside the --ray path (a local Ray instance with
``--ray-cpus`` CPUs, 2 by default) on synthetic data, each in a fresh child with an empty cache.

Two modes:
- ``--embed`` (default for sizes <= 200k): synthetic *texts* (50 classes, each with its own
  words among common ones; 1% exact duplicates, 5% flipped labels) in a Parquet file, and the
  whole pipeline: embed (the bundled model), neighbours, predict, audit.
- given vectors (``--no-embed``; the 1M run: embedding 1M texts on 2 cores takes hours):
  bench/scale.py's synthetic 384-d features as ``--features``, pred_probs computed (so the
  neighbour search and the cross-validation both run on Ray), then Datalab.

Per stage: wall time (the pipeline's timings) and peak memory sampled every 0.25 s, of the
driver alone and of the driver plus every Ray worker process (``ray::`` in /proc/*/cmdline:
assumes no other Ray session runs on the machine). The last line printed is JSON.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

CLASSES = 50
COMMON = ("the please my i a to is it can you of and for on with this that was have not what how "
          "when why where need want about help thanks again still just already today yesterday").split()


def make_texts(n: int, folder: Path, seed: int = 0) -> Path:
    """A Parquet file of ``n`` synthetic (text, label) rows with class structure."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "da", "fe", "gu", "hi", "jo"]
    words = {c: ["".join(rng.choice(syllables, 3)) for _ in range(25)] for c in range(CLASSES)}
    labels = rng.integers(0, CLASSES, n)
    texts = []
    for label in labels:
        length = int(rng.integers(6, 16))
        own = rng.choice(words[int(label)], max(2, int(length * 0.5)))
        common = rng.choice(COMMON, length - len(own))
        tokens = np.concatenate([own, common])
        rng.shuffle(tokens)
        texts.append(" ".join(tokens))
    duplicates = rng.choice(n, n // 100, replace=False)
    for i in duplicates:
        texts[i] = texts[(i + 1) % n]
    flipped = rng.choice(n, n // 20, replace=False)
    labels[flipped] = (labels[flipped] + 1) % CLASSES
    path = folder / "texts.parquet"
    pd.DataFrame({"text": texts, "label": [f"c{c:02d}" for c in labels]}).to_parquet(path, index=False)
    return path


def _rss_kib(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _ray_worker_pids() -> list[str]:
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if handle.read(5) == b"ray::":
                    pids.append(pid)
        except OSError:
            pass
    return pids


class Sampler:
    """Peak RSS per stage (MiB) of this process, and of this process plus the Ray workers."""

    def __init__(self, with_ray: bool) -> None:
        self.with_ray, self.stage = with_ray, "load"
        self.driver: dict[str, float] = {}
        self.total: dict[str, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        me = str(os.getpid())
        while not self.stop.wait(0.25):
            driver = _rss_kib(me) / 1024
            total = driver + (sum(_rss_kib(p) for p in _ray_worker_pids()) / 1024 if self.with_ray else 0.0)
            stage = self.stage
            self.driver[stage] = round(max(self.driver.get(stage, 0.0), driver), 1)
            self.total[stage] = round(max(self.total.get(stage, 0.0), total), 1)

    def progress(self, report) -> None:
        self.stage = report.stage


def child(n: int, folder: Path, ray: bool, embed: bool, ray_cpus: int) -> None:
    import pandas as pd

    from bench.scale import make_data
    from engine.pipeline import AuditOptions, run_audit
    from engine.result import issue_counts

    started = time.perf_counter()
    if embed:
        source = make_texts(n, folder)
        options = AuditOptions(precision="fp32", cache_root=str(folder / "cache"))
    else:
        make_data(n, folder)
        source = pd.read_parquet(folder / "data.parquet")
        options = AuditOptions(features_path=str(folder / "features.npy"), cache_root=str(folder / "cache"))
    made = time.perf_counter() - started
    if ray:
        options.ray, options.ray_cpus = "local", ray_cpus
        from engine.distributed import connect

        ray_started = time.perf_counter()
        connect(None, ray_cpus)  # timed apart: a cluster is started once, not per audit
        ray_start_s = round(time.perf_counter() - ray_started, 2)
    sampler = Sampler(ray)
    sampler.thread.start()
    result = run_audit(source, options, progress=sampler.progress)
    sampler.stop.set()
    sampler.thread.join()
    out = {
        "rows": n, "path": "ray" if ray else "local", "embed": embed, "make_data_s": round(made, 2),
        "timings_s": result.timings_s, "graph": result.graph.method if result.graph else None,
        "flagged": issue_counts(result), "peak_rss_driver_mib": sampler.driver,
        "peak_rss_with_workers_mib": sampler.total if ray else None,
    }
    if ray:
        out["ray_start_s"] = ray_start_s
    np.save(folder / f"flags-{'ray' if ray else 'local'}.npy",
            np.stack([result.output.issues[c].to_numpy() for c in result.output.issues.columns
                      if c.startswith("is_") and c.endswith("_issue")]))
    print(json.dumps(out), flush=True)


def main(sizes: list[int], embed: bool | None, ray_cpus: int) -> None:
    from bench._common import run_child

    results = []
    for n in sizes:
        with_embed = (n <= 200_000) if embed is None else embed
        with tempfile.TemporaryDirectory(prefix="ta-scale-ray-") as tmp:
            pair = {}
            for path in ("local", "ray"):
                args = ["bench/scale.py", "--child", str(n), "--folder", tmp, "--ray-child", path,
                        "--ray-cpus", str(ray_cpus)] + ([] if with_embed else ["--no-embed"])
                pair[path] = run_child(args, timeout=7200)
                print(json.dumps(pair[path]), flush=True)
                for stale in Path(tmp).glob("cache"):
                    import shutil

                    shutil.rmtree(stale)  # the Ray child starts from an empty cache too
            local, ray = (np.load(Path(tmp) / f"flags-{p}.npy") for p in ("local", "ray"))
            lt, rt = pair["local"]["timings_s"], pair["ray"]["timings_s"]
            results.append({
                "rows": n, "embed": with_embed, "local": pair["local"], "ray": pair["ray"],
                "same_flag_counts": pair["local"]["flagged"] == pair["ray"]["flagged"],
                "rows_with_a_different_flag": int((local != ray).any(axis=0).sum()),
                "ray_overhead_pct": round(100 * (rt["total"] / lt["total"] - 1), 1),
                "ray_overhead_pct_with_start": round(100 * ((rt["total"] + pair["ray"]["ray_start_s"]) / lt["total"] - 1), 1),
                "stage_ratio_ray_to_local": {s: round(rt[s] / lt[s], 2) for s in lt if s in rt and lt[s] > 0},
            })
    print(json.dumps({"bench": "scale --ray", "results": results}))


def recall(n: int, ray_cpus: int) -> None:
    """The --ray graph (IVF above EXACT_LIMIT) against exact search on bench/scale.py's data."""
    from bench.scale import make_data
    from engine.distributed import connect
    from engine.distributed.graph import build_graph as ray_graph
    from engine.distributed.graph import recall_at_k
    from engine.neighbours import EXACT_LIMIT, build_graph

    with tempfile.TemporaryDirectory(prefix="ta-recall-") as tmp:
        make_data(n, Path(tmp))
        vectors = np.load(Path(tmp) / "features.npy")
    connect(None, ray_cpus)
    started = time.perf_counter()
    approx = ray_graph(vectors)
    ray_s = time.perf_counter() - started
    started = time.perf_counter()
    exact = build_graph(vectors, method="exact")
    exact_s = time.perf_counter() - started
    duplicated = np.zeros(n, dtype=bool)
    _, first, counts = np.unique(vectors.view(np.dtype((np.void, 4 * vectors.shape[1]))).ravel(),
                                 return_inverse=True, return_counts=True)
    duplicated = counts[first] > 1
    print(json.dumps({
        "bench": "ray graph recall", "rows": n, "method": approx.method, "exact_limit": EXACT_LIMIT,
        "recall_at_10": round(recall_at_k(approx.indices, exact.indices), 4),
        "rows_with_exact_duplicate": int(duplicated.sum()),
        "their_first_distance_is_0": int((duplicated & (approx.distances[:, 0] == 0)).sum()),
        "ray_graph_s": round(ray_s, 2), "exact_s": round(exact_s, 2),
    }))
