"""Latency of the review functions (issue 13 goals), on synthetic arrays of the target sizes.

- Live threshold change on 1M rows: counts, flags and the most-severe-first list for label,
  outlier and near-duplicate scores at a new threshold (goal < 100 ms for all three).
- More like this on 100k x 384 vectors: top 50 by exact cosine search (goal < 50 ms a query).
- The TUI's threshold change (tui/thresholds.py) on 1M rows: flags, counts and, for
  near-duplicates, the sets regrouped (0.35% of rows flagged; goal < 100 ms).
- Bulk decision on 10,000 marked rows: the TUI's confirm path (one journal group written with
  one fsync, the decision arrays refreshed), key press to saved (goal < 50 ms); the dialog's
  opening (items built, line parts prepared), the confirm without that preparation, and undo.
- With ``--reaudit CSV``: a cold ``textaudit audit CSV`` (fresh process, empty temp cache: what
  a user's cold audit costs, as in bench/speed.py), a journal of N corrections (the lowest-scored
  label issues relabelled to their suggestion, 5 near-duplicate rows excluded), then
  ``textaudit audit CSV --apply-journal J`` in a fresh process (goal: re-audit < 1/5 of the cold
  audit, ``ratio``), and the same re-audit in this process as the TUI's key runs it.

    .venv/bin/python bench/review_latency.py [--rows 1000000] [--mlt-rows 100000] [--dim 384]
    .venv/bin/python bench/review_latency.py --reaudit ../shared/data/banking77/train.csv --label-column category

Timings are medians over repeats; the machine's load average is recorded with them. The last
line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine.review import THRESHOLD_TYPES, SimilarityIndex, score_indexes  # noqa: E402


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


def tui_threshold_bench(rows: int, repeats: int, rng: np.random.Generator) -> dict:
    """``Thresholds.apply`` (what the dialog's enter runs) on a column view of ``rows`` rows."""
    from types import SimpleNamespace

    from tui.thresholds import Thresholds

    class View(SimpleNamespace):
        def __len__(self) -> int:
            return rows

        def label_keys(self) -> np.ndarray:  # AuditView's: single labels are their own keys
            return self.given

    scores = {name: rng.random(rows) for name in THRESHOLD_TYPES}
    flags = {name: values <= 0.0035 for name, values in scores.items()}
    neighbours = rng.integers(0, rows, (rows, 1))
    members = np.empty(rows, dtype=object)
    for row in np.flatnonzero(flags["near_duplicate"]).tolist():
        members[row] = [int(neighbours[row, 0])]
    view = View(scores=scores, flags=flags, counts={n: int(f.sum()) for n, f in flags.items()},
                given=rng.integers(0, 77, rows).astype(np.int32), neighbour_indices=neighbours,
                near_duplicate_members=members, duplicate_sets=[])
    thresholds = Thresholds(view)
    result = {"rows": rows, "goal_ms": 100}
    for name in ("label", "near_duplicate"):
        thresholds.index(name)  # sorted once, on the first dialog
        steps = iter(range(1, 10 * repeats))

        def change() -> None:
            count = thresholds.default_count(name) + 10 * next(steps)
            thresholds.apply(name, thresholds.threshold_for_count(name, count))

        result[f"{name}_apply_median_ms"] = _median_ms(change, repeats)
    return result


def bulk_bench(rows: int, marked: int, repeats: int, rng: np.random.Generator) -> dict:
    """A bulk relabel of ``marked`` rows on a ``rows``-row dataset, as the TUI does it: the bulk
    key builds the items and ``DecisionBook.prepare``s them while the dialog opens (timed apart);
    the confirming key runs ``DecisionBook.record_group`` (one write, one fsync, arrays
    refreshed): that is key press to saved. Also timed: the confirm without the prepare (line
    parts computed in the key press), and ``undo`` of such a group."""
    import tempfile
    from pathlib import Path

    import engine.corrections as corrections
    from engine.load import load_dataset
    from tui.decisions import DecisionBook

    classes = [f"class_{i}" for i in range(20)]
    frame = pd.DataFrame({"text": [f"row {i} some words of text" for i in range(rows)],
                          "label": rng.choice(classes, rows)})
    dataset = load_dataset(frame)
    fsyncs = []
    real_fsync = corrections.os.fsync
    labels = np.asarray(dataset.labels)
    result: dict = {"rows": rows, "marked": marked}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.corrections.jsonl"
        book, _ = DecisionBook.open(path, dataset)

        def timed(prepare: bool) -> tuple[list[float], list[float], list[float]]:
            wall, cpu, opening = [], [], []
            for _ in range(repeats):
                target = int(rng.integers(len(classes)))
                marked_rows = rng.choice(rows, marked, replace=False)
                started = time.perf_counter()
                same = (labels[marked_rows] == target).tolist()
                items = [("keep", r, None) if keep else ("relabel", r, target)
                         for r, keep in zip(marked_rows.tolist(), same)]
                group = book.prepare(items) if prepare else items
                opening.append(time.perf_counter() - started)
                started, started_cpu = time.perf_counter(), time.process_time()
                outcome = book.record_group(group, "label", target)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                assert outcome.error is None and len(outcome.rows) == marked
            return wall, cpu, opening

        def ms(values: list[float]) -> float:
            return round(statistics.median(values) * 1000, 3)

        corrections.os.fsync = lambda fd: (fsyncs.append(fd), real_fsync(fd))
        try:
            wall, cpu, opening = timed(prepare=True)
            result.update(confirm_to_saved_median_ms=ms(wall), confirm_cpu_median_ms=ms(cpu),
                          dialog_open_prepare_median_ms=ms(opening),
                          fsyncs_per_decision=len(fsyncs) / repeats)
            wall, cpu, _ = timed(prepare=False)
            result.update(confirm_unprepared_median_ms=ms(wall), confirm_unprepared_cpu_median_ms=ms(cpu))
            undo = []
            for _ in range(min(repeats, 7)):
                started = time.perf_counter()
                assert book.undo().rows
                undo.append(time.perf_counter() - started)
            result["undo_group_median_ms"] = ms(undo)
        finally:
            corrections.os.fsync = real_fsync
        result["journal_mb"] = round(path.stat().st_size / 2**20, 1)
        book.close()
    return {**result, "goal_ms": 50}


def _journal_of_corrections(csv: str, options, corrections: int, journal_path) -> int:
    """The bench's journal: the lowest-scored label issues relabelled to their suggestion, and 5
    near-duplicate rows (not label issues) excluded, from the cold audit's cached result."""
    from engine.corrections import Journal
    from engine.pipeline import run_audit
    from engine.result import issue_table

    audit = run_audit(csv, options)  # every stage a cache hit: the cold audit's result
    if not audit.cache_hit:
        raise RuntimeError(f"the cold audit's cache was not reused: {audit.stage_cache_hits}")
    table = issue_table(audit)
    relabel = table[table["is_label_issue"]].sort_values("label_score").head(max(0, corrections - 5))
    exclude = table[table["is_near_duplicate_issue"] & ~table["is_label_issue"]].head(5)
    with Journal.open(journal_path, audit.dataset) as journal:
        for row, label in zip(relabel["row"], relabel["predicted_label"]):
            journal.record("relabel", int(row), label_after=label, issue_type="label", suggested_label=label)
        for row in exclude["row"]:
            journal.record("exclude", int(row), issue_type="near_duplicate")
    return len(relabel) + len(exclude)


def _cli_run(args: list[str], cache: str) -> dict:
    """``textaudit ARGS --format json`` as a user runs it (bench/_common.run_textaudit: a fresh
    process, the installed console script), with the load average and the hypervisor's steal."""
    from bench._common import cpu_ticks, run_textaudit, steal_share

    load, ticks = os.getloadavg(), cpu_ticks()
    out = run_textaudit([*args, "--format", "json"], env={"TEXTAUDIT_CACHE_DIR": cache})
    return {"wall_s": out["wall_s"], "cpu_s": out["cpu_s"], "peak_rss_mib": out["peak_rss_mib"],
            "stages_s": out.get("timings_s"), "load_average": [round(x, 2) for x in load],
            "steal_share": steal_share(ticks, cpu_ticks()), "delta": out.get("delta")}


def reaudit_bench(csv: str, text_column: str, label_column: str, corrections: int, ab: bool = False) -> dict:
    """Cold audit, then the re-audit with N corrections, both as a user runs them: ``textaudit
    audit CSV`` in a fresh process on an empty cache (the same command and process as
    bench/speed.py's cold run), then ``textaudit audit CSV --apply-journal J`` in another fresh
    process on the cache the cold run left (``ratio``: the second's wall time over the first's).
    Also, on a copy of that cache, the re-audit in this process the way the TUI's re-audit key
    runs it (the app holds the audit, the libraries are imported; ``in_process``), with the
    solver's loss+gradient evaluations, which the load does not inflate. ``ab``: also that
    in-process re-audit without the warm start (fold state dropped: folds stratified on the
    corrected labels, each fold from the previous one)."""
    import dataclasses
    import shutil
    import tempfile
    from pathlib import Path

    import engine.softmax_regression as regression  # the solver whose evaluations are counted
    from bench._common import cpu_ticks, steal_share
    from engine.imports import import_with_gc_paused
    from engine.pipeline import AuditOptions, run_audit
    from engine.reaudit import reaudit

    columns = ["--text-column", text_column, "--label-column", label_column]
    with tempfile.TemporaryDirectory() as folder:
        cache = f"{folder}/cache"
        cold = _cli_run(["audit", csv, *columns], cache)
        options = AuditOptions(text_column=text_column, label_column=label_column, cache_root=cache)
        journal_path = Path(folder) / "bench.corrections.jsonl"
        made = _journal_of_corrections(csv, options, corrections, journal_path)
        shutil.copytree(cache, f"{folder}/cache-in-process")  # before the CLI re-audit caches its result
        if ab:
            shutil.copytree(cache, f"{folder}/cache-unwarmed")
        again = _cli_run(["audit", csv, *columns, "--apply-journal", str(journal_path)], cache)

        # the TUI's path: the audit in memory (cache hit), the heavy libraries already imported
        options = dataclasses.replace(options, cache_root=f"{folder}/cache-in-process")
        before = run_audit(csv, options)
        import_with_gc_paused("sklearn.model_selection", "sklearn.linear_model", "faiss", "cleanlab.datalab.datalab")
        evaluations = [0]
        real_lbfgs = regression.lbfgs

        def counting_lbfgs(loss_and_grad, start, **kwargs):
            def counted(theta):
                evaluations[0] += 1
                return loss_and_grad(theta)

            return real_lbfgs(counted, start, **kwargs)

        def in_process(opts, audit) -> tuple[dict, object]:
            evaluations[0] = 0
            load, ticks, cpu, started = os.getloadavg(), cpu_ticks(), time.process_time(), time.perf_counter()
            result = reaudit(csv, opts, journal_path, before=audit)
            return {"wall_s": round(time.perf_counter() - started, 2), "cpu_s": round(time.process_time() - cpu, 2),
                    "stages_s": result.after.timings_s, "solver_evaluations": evaluations[0],
                    "load_average": [round(x, 2) for x in load], "steal_share": steal_share(ticks, cpu_ticks()),
                    "notes": [n for n in result.after.notes if n.startswith(("reused the vectors", "predict refitted"))],
                    }, result

        regression.lbfgs = counting_lbfgs
        try:
            inproc, warm_result = in_process(options, before)
            extra: dict = {}
            if ab:
                unwarmed, plain = in_process(dataclasses.replace(options, cache_root=f"{folder}/cache-unwarmed"),
                                             dataclasses.replace(before, folds=None))
                unwarmed["label_flags_differ_from_warm"] = int(
                    (warm_result.after.output.issues["is_label_issue"].to_numpy()
                     != plain.after.output.issues["is_label_issue"].to_numpy()).sum())
                extra["in_process_unwarmed"] = unwarmed
        finally:
            regression.lbfgs = real_lbfgs
    delta = again.pop("delta") or {}
    return {
        "data": csv, "corrections": made, "cold": cold, "reaudit": again,
        "ratio": round(again["wall_s"] / cold["wall_s"], 3), "goal_ratio": 0.2,
        "in_process": inproc, "ratio_in_process": round(inproc["wall_s"] / cold["wall_s"], 3), **extra,
        "delta": {name: {k: d[k] for k in ("before", "after", "resolved", "remaining", "new")}
                  for name, d in delta.items() if d["before"] or d["after"]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--mlt-rows", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--reaudit", default=None, metavar="CSV", help="also time a re-audit on this dataset")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--corrections", type=int, default=100)
    parser.add_argument("--ab", action="store_true", help="with --reaudit: also the re-audit without the warm start")
    parser.add_argument("--reaudit-repeats", type=int, default=1,
                        help="with --reaudit: cold audit + re-audit pairs, each on an empty cache (default 1)")
    parser.add_argument("--bulk-rows", type=int, default=100_000)
    parser.add_argument("--marked", type=int, default=10_000)
    args = parser.parse_args()
    if args.reaudit:
        runs = []
        for _ in range(max(1, args.reaudit_repeats)):
            runs.append(reaudit_bench(args.reaudit, args.text_column, args.label_column, args.corrections, args.ab))
            print(json.dumps(runs[-1]), flush=True)
        if len(runs) > 1:
            ratios = [run["ratio"] for run in runs]
            print(json.dumps({"bench": "reaudit", "ratios": ratios, "median_ratio": statistics.median(ratios),
                              "ratios_in_process": [run["ratio_in_process"] for run in runs],
                              "cold_wall_s": [run["cold"]["wall_s"] for run in runs],
                              "reaudit_wall_s": [run["reaudit"]["wall_s"] for run in runs], "goal_ratio": 0.2}))
        return
    rng = np.random.default_rng(0)
    result = {
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "threshold": threshold_bench(args.rows, args.repeats, rng),
        "more_like_this": mlt_bench(args.mlt_rows, args.dim, args.repeats, rng),
        "tui_threshold": tui_threshold_bench(args.rows, min(args.repeats, 15), rng),
        "bulk": bulk_bench(args.bulk_rows, args.marked, min(args.repeats, 15), rng),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
