"""TUI latency at scale: first paint of a row screen and cursor-key latency at 100k and 1M rows.

No model runs: a synthetic AuditResult (random texts, labels, scores, a neighbour graph) is
built in memory, then the real app is driven headless with Pilot at 200x50.

Figures per size:
  startup_s        app start -> summary screen idle (view columns + journal open + first frame)
  first_paint_s    open the label-issues screen -> its rows drawn (flagged rows sorted)
  all_rows_s       `f` (every row, sorted by score) -> drawn
  cursor_ms        one cursor step: the key action + rendering every visible line (median, p95)
  press_ms         `pilot.press("down")` end to end, Pilot's own ~40 ms wait included (median)
  key_ms           a down key from the app's queue to the cursor moved (median; no Pilot wait);
                   cursor keys are routed at once by the key gate (tui/key_gate.py)
  gated_key_ms     an 'n' (next undecided row) from the app's queue to the cursor moved (median,
                   max); the gate held 'n' for the last key's round trip until tui/bindings.py
                   CURSOR_ACTIONS (session 11); the name is kept for comparison
  burst_n_ms       20 'n' posted at once (a held key), until the cursor is 20 rows on
  sort_text_s      the first sort by the text column (Arrow copy + ranks built), request -> on screen
  during_sort_*    while that sort runs in its worker thread: key_ms (median, max), cursor steps
                   (max) and the event loop's worst stall (loop_lag_ms_max). With the gate a
                   cursor key waits for the new order (it acts on it), so one key spans the sort
  sort_text_again_s  a second text sort (reverse): the ranks are cached
  filter_s         a substring filter over all rows, request -> new order on screen

Usage: .venv/bin/python bench/tui_latency.py [--sizes 100000,1000000] [--no-gate]
(--no-gate: the app without the type-ahead gate, for an A/B of its cost)
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


async def settle(pilot) -> None:
    """Wait until the screen's order worker has finished and its order is on screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def watch_loop(stop: asyncio.Event, lags: list[float]) -> None:
    """Record how late the event loop wakes from a 1 ms sleep: a key waits at most that long."""
    while not stop.is_set():
        began = time.perf_counter()
        await asyncio.sleep(0.001)
        lags.append((time.perf_counter() - began - 0.001) * 1000)


async def key_ms(app, rows, key: str = "down") -> float:
    """A key from the app's queue to the cursor moved (drawing is cursor_step's figure)."""
    before = rows.cursor
    began = time.perf_counter()
    app.simulate_key(key)
    while rows.cursor == before:
        await asyncio.sleep(0)
    return (time.perf_counter() - began) * 1000


def cursor_step(rows, height: int) -> float:
    """One cursor step plus drawing every visible line, in ms."""
    began = time.perf_counter()
    rows.action_cursor(1)
    for y in range(height):
        rows.render_line(y)
    return (time.perf_counter() - began) * 1000


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
            await settle(pilot)
            rows = app.screen.query_one("#rows", RowList)
            figures["first_paint_s"] = round(time.perf_counter() - started, 3)
            figures["label_rows_listed"] = int(len(rows.order))

            started = time.perf_counter()
            await pilot.press("f")
            await settle(pilot)
            figures["all_rows_s"] = round(time.perf_counter() - started, 3)
            figures["all_rows_listed"] = int(len(rows.order))

            height = rows.size.height
            steps = [cursor_step(rows, height) for _ in range(300)]
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

            screen = app.screen
            keys = [await key_ms(app, rows) for _ in range(20)]
            figures["key_ms_median"] = round(statistics.median(keys), 2)
            gated = [await key_ms(app, rows, "n") for _ in range(20)]
            figures["gated_key_ms_median"] = round(statistics.median(gated), 2)
            figures["gated_key_ms_max"] = round(max(gated), 2)
            bursts = []
            for _ in range(5):
                target = rows.cursor + 20
                began = time.perf_counter()
                for _ in range(20):
                    app.simulate_key("n")
                while rows.cursor < target:
                    await asyncio.sleep(0)
                bursts.append((time.perf_counter() - began) * 1000)
            figures["burst_n_ms_median"] = round(statistics.median(bursts), 1)

            # The first text sort (Arrow copy + ranks built), with the UI watched while it runs.
            stop, lags = asyncio.Event(), []
            watcher = asyncio.create_task(watch_loop(stop, lags))
            started = time.perf_counter()
            screen.sort_key = "text"
            screen.apply("sorting")
            during_keys, during_steps = [], []
            while screen.busy:
                during_keys.append(await key_ms(app, rows))
                during_steps.append(cursor_step(rows, height))
                await asyncio.sleep(0.01)
            figures["sort_text_s"] = round(time.perf_counter() - started, 3)
            stop.set()
            await watcher
            figures["during_sort_keys"] = len(during_keys)
            figures["during_sort_key_ms_median"] = round(statistics.median(during_keys), 2) if during_keys else None
            figures["during_sort_key_ms_max"] = round(max(during_keys), 2) if during_keys else None
            figures["during_sort_cursor_ms_max"] = round(max(during_steps, default=0.0), 2)
            figures["during_sort_loop_lag_ms_max"] = round(max(lags, default=0.0), 1)
            texts = app.view.texts
            shown = [texts[r] for r in rows.order[:1000]]
            assert shown == sorted(shown), "text sort is wrong"

            started = time.perf_counter()
            screen.sort_descending = True
            screen.apply("sorting")
            await settle(pilot)
            figures["sort_text_again_s"] = round(time.perf_counter() - started, 3)

            started = time.perf_counter()
            screen.set_filter("refund")
            await settle(pilot)
            figures["filter_s"] = round(time.perf_counter() - started, 3)
            figures["filter_rows"] = int(len(rows.order))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--no-gate", action="store_true", help="the app without tui/key_gate.py's gate")
    args = parser.parse_args()
    if args.no_gate:
        from textual.app import App

        from tui.key_gate import KeyGate

        async def ungated(self, event):
            await App.on_event(self, event)

        KeyGate.on_event = ungated
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        figures = asyncio.run(measure(size))
        print(json.dumps(figures), file=sys.stderr)
        results.append(figures)
    print(json.dumps({"bench": "tui_latency", "gate": not args.no_gate, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
