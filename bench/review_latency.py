"""Latency of the review functions (issue 13 goals), on synthetic arrays of the target sizes.

- Live threshold change on 1M rows: counts, flags and the most-severe-first list for label,
  outlier and near-duplicate scores at a new threshold (goal < 100 ms for all three).
- More like this on 100k x 384 vectors: top 50 by exact cosine search (goal < 50 ms a query).
- The TUI's threshold change (tui/thresholds.py) on 1M rows: flags, counts and, for
  near-duplicates, the sets regrouped (0.35% of rows flagged; goal < 100 ms).
- Bulk decision on 10,000 marked rows: the TUI's confirm path (one journal group written with
  one fsync, the decision arrays refreshed), key press to saved (goal < 50 ms); the dialog's
  opening (items built, line parts prepared), the confirm without that preparation, and undo.
- With ``--reaudit CSV``: a cold audit (empty temp cache), then a journal of N corrections (the
  lowest-scored label issues relabelled to their suggestion, 5 near-duplicate rows excluded)
  and the re-audit with it, same process (goal: re-audit < 1/5 of the cold audit).

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


def reaudit_bench(csv: str, text_column: str, label_column: str, corrections: int, ab: bool = False) -> dict:
    """Cold audit, then the re-audit with N corrections (warm: the audit's folds refitted from their
    solutions). ``ab``: also the re-audit without the warm start (the audit's fold state dropped,
    so folds stratified on the corrected labels, each started from the previous fold), same run."""
    import dataclasses
    import tempfile
    from pathlib import Path

    import engine.predict as predict
    from engine.corrections import Journal
    from engine.pipeline import AuditOptions, run_audit
    from engine.reaudit import reaudit
    from engine.result import issue_table

    # solver work, which load does not inflate: loss+gradient evaluations of every fold's fit
    evaluations = [0]
    real_lbfgs = predict.lbfgs

    def counting_lbfgs(loss_and_grad, start, **kwargs):
        def counted(theta):
            evaluations[0] += 1
            return loss_and_grad(theta)

        return real_lbfgs(counted, start, **kwargs)

    predict.lbfgs = counting_lbfgs
    work: dict = {}

    def phase(name: str, run):
        evaluations[0] = 0
        cpu = time.process_time()
        result = run()
        work[name] = {"solver_evaluations": evaluations[0], "cpu_s": round(time.process_time() - cpu, 1)}
        return result

    with tempfile.TemporaryDirectory() as folder:
        options = AuditOptions(text_column=text_column, label_column=label_column, cache_root=f"{folder}/cache")
        load_before = os.getloadavg()
        started = time.perf_counter()
        cold = phase("cold", lambda: run_audit(csv, options))
        cold_s = time.perf_counter() - started
        table = issue_table(cold)
        relabel = table[table["is_label_issue"]].sort_values("label_score").head(max(0, corrections - 5))
        exclude = table[table["is_near_duplicate_issue"] & ~table["is_label_issue"]].head(5)
        journal_path = Path(folder) / "bench.corrections.jsonl"
        with Journal.open(journal_path, cold.dataset) as journal:
            for row, label in zip(relabel["row"], relabel["predicted_label"]):
                journal.record("relabel", int(row), label_after=label, issue_type="label", suggested_label=label)
            for row in exclude["row"]:
                journal.record("exclude", int(row), issue_type="near_duplicate")
        load_between = os.getloadavg()
        started = time.perf_counter()
        again = phase("reaudit", lambda: reaudit(csv, AuditOptions(text_column=text_column, label_column=label_column,
                                                                   cache_root=f"{folder}/cache"), journal_path))
        reaudit_s = time.perf_counter() - started
        extra: dict = {}
        if ab:
            load_ab = os.getloadavg()
            started = time.perf_counter()
            plain = phase("unwarmed_reaudit",
                          lambda: reaudit(csv, options, journal_path, before=dataclasses.replace(cold, folds=None)))
            extra = {"unwarmed_reaudit_s": round(time.perf_counter() - started, 2),
                     "unwarmed_stages_s": plain.after.timings_s, "load_average_unwarmed": load_ab,
                     "label_flags_warm_vs_unwarmed_differ": int(
                         (again.after.output.issues["is_label_issue"].to_numpy()
                          != plain.after.output.issues["is_label_issue"].to_numpy()).sum())}
    return {
        "data": csv, "corrections": len(relabel) + len(exclude), "cold_s": round(cold_s, 2),
        "cold_stages_s": cold.timings_s, "reaudit_s": round(reaudit_s, 2), "reaudit_stages_s": again.after.timings_s,
        "ratio": round(reaudit_s / cold_s, 3), "goal_ratio": 0.2,
        "reused": [n for n in again.after.notes if n.startswith(("reused the vectors", "predict refitted"))],
        "delta": {name: {k: d[k] for k in ("before", "after", "resolved", "remaining", "new")}
                  for name, d in again.delta.items() if d["before"] or d["after"]},
        "load_average_before": load_before, "load_average_between": load_between, **extra, "work": work,
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
    parser.add_argument("--bulk-rows", type=int, default=100_000)
    parser.add_argument("--marked", type=int, default=10_000)
    args = parser.parse_args()
    if args.reaudit:
        print(json.dumps(reaudit_bench(args.reaudit, args.text_column, args.label_column, args.corrections, args.ab)))
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
