"""``bench/scale.py --ray``: the local path beside the --ray path (a local Ray instance with
``--ray-cpus`` CPUs, 2 by default) on the same synthetic data, interleaved stage by stage so
both see the same load on a shared machine: round k runs stage k in a fresh child per path
(the earlier stages from that path's own cache, filled by the earlier rounds; Ray started in
each Ray child and timed apart), the local path first in rounds 1 and 3, the Ray path first in
rounds 2 and 4. The 1-minute load average is recorded at each stage's start and end.

Two modes:
- ``--embed`` (default for sizes <= 200k): synthetic *texts* (50 classes, each with its own
  words among common ones; 1% exact duplicates, 5% flipped labels) in a Parquet file, and the
  whole pipeline: embed (the bundled model), neighbours, predict, audit.
- given vectors (``--no-embed``; the 1M run: embedding 1M texts on 2 cores takes hours):
  bench/scale.py's synthetic 384-d features as ``--features``, pred_probs computed (so the
  neighbour search and the cross-validation both run on Ray), then Datalab.

Per stage: wall time (from the pipeline's stage start/done reports) and peak memory sampled every 0.25 s, of the
driver alone and of the driver plus every Ray worker process (``ray::`` in /proc/*/cmdline:
assumes no other Ray session runs on the machine). Agreement row by row: flags per issue type,
the vectors (cosine), pred_probs, the graph's neighbour lists. The last line printed is JSON.
"""

from __future__ import annotations

import contextlib
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


def _process_ticks() -> dict[str, tuple[str, int]]:
    """Every process's (parent pid, user + system CPU ticks so far) from /proc."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        out[pid] = (fields[1], int(fields[11]) + int(fields[12]))
    return out


def _tree(root: str, processes: dict[str, tuple[str, int]]) -> list[str]:
    """``root`` and all its descendants (a local Ray instance's processes descend from its driver)."""
    children: dict[str, list[str]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


class Sampler:
    """Per stage: peak RSS (MiB) of this process, and of this process plus the Ray workers; CPU
    seconds of this process and every process it started (Ray's raylet, GCS, workers), which
    unlike wall time does not depend on the share of a busy machine each path got."""

    def __init__(self, with_ray: bool) -> None:
        self.with_ray, self.stage = with_ray, "load"
        self.driver: dict[str, float] = {}
        self.total: dict[str, float] = {}
        self.began: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.ticks: dict[str, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        me = str(os.getpid())
        while not self.stop.wait(0.25):
            driver = _rss_kib(me) / 1024
            total = driver + (sum(_rss_kib(p) for p in _ray_worker_pids()) / 1024 if self.with_ray else 0.0)
            stage = self.stage
            processes = _process_ticks()
            spent = 0
            for pid in _tree(me, processes):
                ticks = processes[pid][1]
                spent += ticks - self.ticks.get(pid, 0)
                self.ticks[pid] = ticks
            self.cpu[stage] = round(self.cpu.get(stage, 0.0) + spent / os.sysconf("SC_CLK_TCK"), 2)
            self.driver[stage] = round(max(self.driver.get(stage, 0.0), driver), 1)
            self.total[stage] = round(max(self.total.get(stage, 0.0), total), 1)

    def progress(self, report) -> None:
        self.stage = report.stage
        if report.message == "starting":
            self.began[report.stage] = time.perf_counter()
        elif report.message == "done" and report.stage in self.began:
            self.seconds[report.stage] = round(time.perf_counter() - self.began[report.stage], 3)


STAGES = ("embed", "neighbours", "predict", "audit")


class _Stop(Exception):
    """Raised from the progress callback when the stage after ``--through`` starts."""


def child(n: int, folder: Path, ray: bool, embed: bool, ray_cpus: int, precision: str = "fp32",
          through: str = "audit") -> None:
    """One path (local or --ray) up to and including stage ``through``; the earlier stages come
    from this path's own cache (``folder/cache-<path>``), filled by the earlier rounds."""
    import pandas as pd

    from bench.scale import make_data
    from engine.pipeline import AuditOptions, run_audit
    from engine.result import issue_counts

    started = time.perf_counter()
    path = "ray" if ray else "local"
    cache = str(folder / f"cache-{path}")
    if embed:
        source = folder / "texts.parquet"
        if not source.exists():
            make_texts(n, folder)
        options = AuditOptions(precision=precision, cache_root=cache)
    else:
        if not (folder / "data.parquet").exists():
            make_data(n, folder)
        source = pd.read_parquet(folder / "data.parquet")
        options = AuditOptions(features_path=str(folder / "features.npy"), cache_root=cache)
    made = time.perf_counter() - started
    out: dict = {"rows": n, "path": path, "embed": embed, "through": through, "make_data_s": round(made, 2)}
    if ray:
        options.ray, options.ray_cpus = "local", ray_cpus
        if through != "audit":  # Datalab runs on the driver: the audit round needs no cluster
            from engine.distributed import connect

            ray_started = time.perf_counter()
            connect(None, ray_cpus)  # timed apart: a cluster is started once, not per audit
            out["ray_start_s"] = round(time.perf_counter() - ray_started, 2)
    sampler = Sampler(ray)
    loads: dict[str, list[float]] = {}
    later = set(STAGES[STAGES.index(through) + 1:])

    def progress(report) -> None:
        if report.message == "starting" and report.stage in later:
            raise _Stop
        if report.message in ("starting", "done"):
            loads.setdefault(report.stage, []).append(round(os.getloadavg()[0], 2))
        sampler.progress(report)

    sampler.thread.start()
    result = None
    try:
        result = run_audit(source, options, progress=progress)
    except _Stop:
        pass
    sampler.stop.set()
    sampler.thread.join()
    out.update({"load_avg_1m": loads, "peak_rss_driver_mib": sampler.driver,
                "peak_rss_with_workers_mib": sampler.total if ray else None})
    out["stage_s"], out["cpu_s"] = sampler.seconds, sampler.cpu
    if result is not None:
        flags = [c for c in result.output.issues.columns if c.startswith("is_") and c.endswith("_issue")]
        out.update({"timings_s": result.timings_s, "graph": result.graph.method if result.graph else None,
                    "flagged": issue_counts(result), "flag_columns": flags})
        np.save(folder / f"flags-{path}.npy", np.stack([result.output.issues[c].to_numpy() for c in flags]))
        np.save(folder / f"pred_probs-{path}.npy", result.pred_probs)
        if result.graph is not None:
            np.save(folder / f"graph-{path}.npy", result.graph.indices)
    print(json.dumps(out), flush=True)


def _agreement(folder: Path, flag_columns: list[str]) -> dict:
    """Row by row: flags per issue type, the vectors (cosine), pred_probs and the graph."""
    local, ray = (np.load(folder / f"flags-{p}.npy") for p in ("local", "ray"))
    per_type = {c: {"local": int(local[i].sum()), "ray": int(ray[i].sum()),
                    "rows_differ": int((local[i] != ray[i]).sum())} for i, c in enumerate(flag_columns)}
    out: dict = {"flags": per_type, "rows_with_a_different_flag": int((local != ray).any(axis=0).sum())}
    found = [sorted(folder.glob(f"cache-{p}/*/embeddings/*/vectors.npy")) for p in ("local", "ray")]
    if all(found):
        a, b = (np.load(f[0], mmap_mode="r") for f in found)
        cos = np.concatenate([np.einsum("ij,ij->i", a[i:i + 50_000], b[i:i + 50_000]) for i in range(0, len(a), 50_000)])
        out["vectors_cosine_min"], out["vectors_cosine_mean"] = round(float(cos.min()), 6), round(float(cos.mean()), 6)
        out["vectors_identical_rows"] = int(sum(int((a[i:i + 50_000] == b[i:i + 50_000]).all(axis=1).sum())
                                                for i in range(0, len(a), 50_000)))
    pl, pr = (np.load(folder / f"pred_probs-{p}.npy") for p in ("local", "ray"))
    out["pred_probs_max_abs_diff"] = round(float(np.abs(pl - pr).max()), 6)
    out["predicted_label_differs"] = int((pl.argmax(1) != pr.argmax(1)).sum())
    if (folder / "graph-local.npy").exists() and (folder / "graph-ray.npy").exists():
        gl, gr = np.load(folder / "graph-local.npy"), np.load(folder / "graph-ray.npy")
        out["graph_rows_identical"] = int((gl == gr).all(axis=1).sum())
    return out


def _kept_or_temporary(keep: Path | None, n: int, with_embed: bool, precision: str):
    """The run's folder: under ``keep`` (kept, so an interrupted run resumes at its first
    unfinished round) or a temporary one."""
    if keep is None:
        return tempfile.TemporaryDirectory(prefix="ta-scale-ray-")
    folder = keep / f"n{n}-{'texts-' + precision if with_embed else 'vectors'}"
    folder.mkdir(parents=True, exist_ok=True)
    return contextlib.nullcontext(str(folder))


def main(sizes: list[int], embed: bool | None, ray_cpus: int, precision: str = "fp32",
         stages: tuple[str, ...] = STAGES, keep: Path | None = None) -> None:
    """Both paths on the same data, interleaved stage by stage (round k: each path runs stage k
    from its own cache of the earlier stages; the order alternates per round) so that both see
    the same load on a shared machine. ``stages``: the first rounds only (``embed``: just that).
    ``keep``: a folder that keeps the data, both caches and each finished round's figures
    (``round-<stage>-<path>.json``): run the same command again and it resumes where it stopped."""
    from bench._common import run_child

    results = []
    for n in sizes:
        with_embed = (n <= 200_000) if embed is None else embed
        with _kept_or_temporary(keep, n, with_embed, precision) as tmp:
            rounds: dict[str, dict[str, dict]] = {}
            for i, stage in enumerate(stages):
                rounds[stage] = {}
                for path in (("local", "ray") if i % 2 == 0 else ("ray", "local")):
                    saved = Path(tmp) / f"round-{stage}-{path}.json"
                    if saved.exists():
                        rounds[stage][path] = json.loads(saved.read_text())
                        print(f"# {saved.name}: kept from an earlier run", flush=True)
                        continue
                    args = ["bench/scale.py", "--child", str(n), "--folder", tmp, "--ray-child", path,
                            "--ray-cpus", str(ray_cpus), "--precision", precision, "--through", stage]
                    args += [] if with_embed else ["--no-embed"]
                    # a child's limit grows with the rows: 1M texts took 48-70 min to embed on 2 cores
                    rounds[stage][path] = run_child(args, timeout=max(7200, n // 40))
                    if keep is not None:
                        saved.write_text(json.dumps(rounds[stage][path]))
                    print(json.dumps(rounds[stage][path]), flush=True)
            last = rounds[stages[-1]]
            stage_s = {p: {s: rounds[s][p]["stage_s"].get(s, 0.0) for s in stages} for p in ("local", "ray")}
            cpu_s = {p: {s: rounds[s][p].get("cpu_s", {}).get(s, 0.0) for s in stages} for p in ("local", "ray")}
            total = {p: round(sum(stage_s[p].values()), 2) for p in stage_s}
            starts = [rounds[s]["ray"]["ray_start_s"] for s in stages if "ray_start_s" in rounds[s]["ray"]]
            start = float(np.median(starts))
            results.append({
                "rows": n, "embed": with_embed, "precision": precision if with_embed else None,
                "stage_s": stage_s, "total_s": total, "ray_start_s": starts, "cpu_s": cpu_s,
                "cpu_ratio_ray_to_local": {s: round(cpu_s["ray"][s] / cpu_s["local"][s], 2)
                                           for s in stages if cpu_s["local"][s] > 0},
                "load_avg_1m": {s: {p: rounds[s][p]["load_avg_1m"].get(s) for p in ("local", "ray")} for s in stages},
                "peak_rss_driver_mib": {s: {p: rounds[s][p]["peak_rss_driver_mib"].get(s) for p in ("local", "ray")}
                                        for s in stages},
                "peak_rss_ray_with_workers_mib": {s: rounds[s]["ray"]["peak_rss_with_workers_mib"].get(s) for s in stages},
                "flagged": {p: last[p].get("flagged") for p in ("local", "ray")},
                "agreement": _agreement(Path(tmp), last["local"]["flag_columns"]) if "flag_columns" in last["local"] else None,
                "ray_overhead_pct": round(100 * (total["ray"] / total["local"] - 1), 1),
                "ray_overhead_pct_with_start": round(100 * ((total["ray"] + start) / total["local"] - 1), 1),
                "stage_ratio_ray_to_local": {s: round(stage_s["ray"][s] / stage_s["local"][s], 2)
                                             for s in stages if stage_s["local"][s] > 0},
            })
    print(json.dumps({"bench": "scale --ray (interleaved)", "results": results}))


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
