"""Latency of a decision: from ``Journal.record()`` being called to the line fsynced on disk.

``record`` returns only after write + fsync, so its wall time is the key-press-to-durable time
the engine adds (the TUI's own repaint is measured elsewhere). Runs N decisions on the bundled
demo dataset (cycling rows and actions, some near-duplicate groups and undo/redo), in a temp
folder on the given filesystem, then times replaying the journal on reopen.

    .venv/bin/python bench/journal_latency.py [--n 1000] [--dir DIR]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values) * 1000, 3),
        "p99_ms": round(percentile(values, 99) * 1000, 3),
        "max_ms": round(max(values) * 1000, 3),
    }


def filesystem_of(path: Path) -> str:
    try:
        out = subprocess.run(["df", "-T", str(path)], capture_output=True, text=True, check=True).stdout
        return out.splitlines()[1].split()[1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="single decisions to time (default 1000)")
    parser.add_argument("--dir", default=None, help="folder for the temp journal (default: system temp)")
    args = parser.parse_args()

    from engine.corrections import ACTIONS, Journal
    from engine.demo import demo_path
    from engine.load import load_dataset

    dataset = load_dataset(demo_path(), id_column="id")
    names = dataset.class_names
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="textaudit-journal-bench-") as folder:
        path = Path(folder) / "demo.corrections.jsonl"
        single, groups, history = [], [], []
        with Journal.open(path, dataset) as journal:
            for i in range(args.n):
                row, action = (i * 7) % len(dataset), ACTIONS[i % 3]
                label = names[(int(dataset.labels[row]) + 1) % len(names)] if action == "relabel" else None
                started = time.perf_counter()
                journal.record(action, row, label_after=label, issue_type="label", suggested_label=label)
                single.append(time.perf_counter() - started)
            for i in range(max(1, args.n // 10)):
                rows = [(i * 11 + k) % len(dataset) for k in range(5)]
                entries = [("keep", rows[0], None)] + [("exclude", r, None) for r in rows[1:]]
                started = time.perf_counter()
                journal.record_group(entries, issue_type="near_duplicate")
                groups.append(time.perf_counter() - started)
            for _ in range(max(1, args.n // 10)):
                started = time.perf_counter()
                journal.undo()
                history.append(time.perf_counter() - started)
                started = time.perf_counter()
                journal.redo()
                history.append(time.perf_counter() - started)
        lines = sum(1 for _ in path.open("rb"))
        size = path.stat().st_size
        started = time.perf_counter()
        with Journal.open(path, dataset) as reopened:
            replay_s = time.perf_counter() - started
            decided = len(reopened.decisions())
        fs = filesystem_of(Path(folder))

    result = {
        "bench": "journal_latency",
        "dataset": "demo (258 rows)",
        "filesystem": fs,
        "record": summary_ms(single),
        "record_group_5_rows": summary_ms(groups),
        "undo_redo": summary_ms(history),
        "journal_lines": lines,
        "journal_bytes": size,
        "bytes_per_line": round(size / lines, 1),
        "replay_on_open_s": round(replay_s, 4),
        "rows_decided_after_replay": decided,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    print(f"record(): median {result['record']['median_ms']} ms, p99 {result['record']['p99_ms']} ms "
          f"over {args.n} decisions on {fs}; replay of {lines} lines {replay_s * 1000:.1f} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
