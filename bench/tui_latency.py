"""TUI latency at scale: first paint of a row screen and cursor-key latency at 100k and 1M rows.

No model runs: a synthetic AuditResult (random texts, labels, scores, a neighbour graph) is
built in memory, then the real app is driven headless with Pilot at 200x50.

Figures per size:
  startup_s        app start -> summary screen idle (view columns + journal open + first frame)
  first_paint_s    open the label-issues screen -> its rows drawn (flagged rows sorted)
  all_rows_s       `f` (every row, sorted by score) -> drawn
  cursor_ms        one cursor step: the key action + rendering every visible line (median, p95)
  press_ms         `pilot.press("down")` end to end, Pilot's own ~40 ms wait included (median)
  filter_s / sort_s  a substring filter over all rows / a sort by the text column

Usage: .venv/bin/python bench/tui_latency.py [--sizes 100000,1000000]
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = ("card refund balance transfer pin account rate money lost stolen help please my the a to "
         "how when why where can I need want check change close open exchange euro pound dollar").split()


def synthetic_result(n: int, n_classes: int = 77, k: int = 10, seed: int = 0):
    """An AuditResult with the shapes of a real one, built from random numbers."""
    from engine.audit import ISSUE_TYPES, AuditOutput
    from engine.load import Dataset
    from engine.neighbours import NeighbourGraph
    from engine.pipeline import AuditOptions, AuditResult

    rng = np.random.default_rng(seed)
    words = np.asarray(WORDS, dtype=object)
    picks = rng.integers(0, len(words), size=(n, 8))
    texts = [" ".join(words[row]) + f" #{i}" for i, row in enumerate(picks)]
    classes = [f"class_{c:03d}" for c in range(n_classes)]
    labels = rng.integers(0, n_classes, size=n)
    pred_probs = rng.dirichlet(np.ones(n_classes) * 0.3, size=n).astype(np.float32)
    frame = pd.DataFrame({"text": texts, "label": np.asarray(classes, dtype=object)[labels]})
    dataset = Dataset(frame=frame, texts=texts, text_is_null=np.zeros(n, bool), labels=labels,
                      classes=classes, ids=list(range(n)), text_column="text", label_column="label",
                      id_column=None, source=f"synthetic-{n}.csv")
    issues = {}
    for name in ISSUE_TYPES:
        score = rng.random(n)
        issues[f"is_{name}_issue"] = score < 0.02
        issues[f"{name}_score"] = score
    near = np.empty(n, dtype=object)
    near[:] = [[] for _ in range(n)]
    flagged = np.flatnonzero(issues["is_near_duplicate_issue"])
    for a, b in zip(flagged[::2], flagged[1::2]):
        near[a], near[b] = [int(b)], [int(a)]
    issues["near_duplicate_sets"] = near
    issue_frame = pd.DataFrame(issues)
    summary = pd.DataFrame({"issue_type": list(ISSUE_TYPES),
                            "num_issues": [int(issues[f"is_{t}_issue"].sum()) for t in ISSUE_TYPES]})
    graph = NeighbourGraph(rng.integers(0, n, size=(n, k)).astype(np.int32),
                           np.sort(rng.random((n, k)).astype(np.float32), axis=1), "synthetic")
    output = AuditOutput(issues=issue_frame, summary=summary, info={"non_iid": {"p-value": 0.5}},
                         report="(synthetic)")
    return AuditResult(dataset=dataset, options=AuditOptions(), pred_probs=pred_probs, graph=graph,
                       output=output, timings_s={}, stage_cache_hits={})


async def measure(n: int) -> dict:
    from tui.app import TextauditApp
    from tui.widgets.row_list import RowList

    built = time.perf_counter()
    result = synthetic_result(n)
    build_s = time.perf_counter() - built
    figures: dict = {"rows": n, "synthetic_build_s": round(build_s, 2)}
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app = TextauditApp(result, journal_path=Path(folder) / "j.jsonl")
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause()
            figures["startup_s"] = round(time.perf_counter() - started, 3)

            started = time.perf_counter()
            app.open_issue("label")
            await pilot.pause()
            rows = app.screen.query_one("#rows", RowList)
            figures["first_paint_s"] = round(time.perf_counter() - started, 3)
            figures["label_rows_listed"] = int(len(rows.order))

            started = time.perf_counter()
            await pilot.press("f")
            figures["all_rows_s"] = round(time.perf_counter() - started, 3)
            figures["all_rows_listed"] = int(len(rows.order))

            height = rows.size.height
            steps = []
            for _ in range(300):
                began = time.perf_counter()
                rows.action_cursor(1)
                for y in range(height):
                    rows.render_line(y)
                steps.append((time.perf_counter() - began) * 1000)
            for _ in range(3):  # jump to the end and back: the worst scroll
                began = time.perf_counter()
                rows.action_jump(-1)
                for y in range(height):
                    rows.render_line(y)
                steps.append((time.perf_counter() - began) * 1000)
                rows.action_jump(0)
            figures["cursor_ms_median"] = round(statistics.median(steps), 3)
            figures["cursor_ms_p95"] = round(float(np.percentile(steps, 95)), 3)
            figures["cursor_ms_max"] = round(max(steps), 3)

            presses = []
            for _ in range(20):
                began = time.perf_counter()
                await pilot.press("down")
                presses.append((time.perf_counter() - began) * 1000)
            figures["press_ms_median"] = round(statistics.median(presses), 1)

            started = time.perf_counter()
            app.screen.set_filter("refund")
            await pilot.pause()
            figures["filter_s"] = round(time.perf_counter() - started, 3)
            figures["filter_rows"] = int(len(rows.order))
            app.screen.set_filter("")
            app.screen.sort_key = "text"
            started = time.perf_counter()
            app.screen._resort()
            await pilot.pause()
            figures["sort_text_s"] = round(time.perf_counter() - started, 3)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        figures = asyncio.run(measure(size))
        print(json.dumps(figures), file=sys.stderr)
        results.append(figures)
    print(json.dumps({"bench": "tui_latency", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
