"""Latency of the review functions (issue 13 goals), on synthetic arrays of the target sizes.

- Live threshold change on 1M rows: counts, flags and the most-severe-first list for label,
  outlier and near-duplicate scores at a new threshold (goal < 100 ms for all three).
- More like this on 100k x 384 vectors: top 50 by exact cosine search (goal < 50 ms a query).

    .venv/bin/python bench/review_latency.py [--rows 1000000] [--mlt-rows 100000] [--dim 384]

Timings are medians over repeats; the machine's load average is recorded with them. The last
line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import numpy as np
import pandas as pd

from engine.review import THRESHOLD_TYPES, SimilarityIndex, score_indexes


def _median_ms(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 3)


def threshold_bench(rows: int, repeats: int, rng: np.random.Generator) -> dict:
    issues = pd.DataFrame({f"{name}_score": rng.random(rows) for name in THRESHOLD_TYPES})
    started = time.perf_counter()
    indexes = score_indexes(issues)  # once per audit, when the result arrives
    build_ms = round((time.perf_counter() - started) * 1000, 1)
    thresholds = iter(rng.random(10 * repeats))

    def change() -> None:
        for index in indexes.values():
            t = next(thresholds)
            index.count_at(t)
            index.flags_at(t)
            index.rows_at(t)[:1000]  # the first screenful of the list

    return {"rows": rows, "index_build_ms": build_ms, "change_all_three_median_ms": _median_ms(change, repeats),
            "goal_ms": 100}


def mlt_bench(rows: int, dim: int, repeats: int, rng: np.random.Generator) -> dict:
    vectors = rng.standard_normal((rows, dim), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = SimilarityIndex(vectors)
    queries = iter(rng.integers(0, rows, size=repeats))
    return {"rows": rows, "dim": dim, "k": 50,
            "query_median_ms": _median_ms(lambda: index.like_row(int(next(queries)), 50), repeats), "goal_ms": 50}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--mlt-rows", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    result = {
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "threshold": threshold_bench(args.rows, args.repeats, rng),
        "more_like_this": mlt_bench(args.mlt_rows, args.dim, args.repeats, rng),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
