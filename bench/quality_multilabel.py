"""Multi-label error detection with injected missing and extra labels (issue 16).

    nice -n 10 .venv/bin/python bench/quality_multilabel.py                 # banking77-ML, 5% and 10%, seeds 0,1
    nice -n 10 .venv/bin/python bench/quality.py --multilabel --rates 0.1 --seeds 0
    nice -n 10 .venv/bin/python bench/quality_multilabel.py --dataset debtags --rates 0,0.05,0.1
    .venv/bin/python bench/quality_multilabel.py --dataset debtags --write-csv /tmp/debtags.csv   # the file only

Data: banking77 (../shared/data/banking77/train.csv), each row keeping its intent and gaining a
coarse topic derived from the intent's name (``card`` if the name has "card", else ``transfer``,
``top_up``, ``cash`` (atm/cash), ``exchange`` (exchange/currency/fiat), else ``other``): 77 + 6
labels, two per row, sets that are real and consistent. Noise: ``rate`` of the rows corrupted,
half with one label dropped (missing), half with one random label not in the set added
(extra). Truth: the corrupted rows.

``--dataset debtags`` (session 32): real label sets, the Debian package index's debtags (bench/quality_debtags.py,
built at run time from ``apt-cache dumpavail`` into the bench cache, never in the repo): text the package's synopsis,
labels its tags in the facets about what the software does or is for. Rate 0 is the clean file as tagged: only
the flag counts (no truth), and ``--flagged-out`` writes each pipeline's flagged rows for reading.

Pipelines, on the same MiniLM vectors (bench/quality.py's cached fp32 .npy) and noisy sets:
``textaudit`` (engine/multilabel_predict.py's out-of-fold one-vs-rest probabilities blended
with the neighbours' votes, engine/multilabel_audit.py's ``label_score``/``is_label_issue``);
``datalab`` (Datalab's own multilabel score/flag on textaudit's probabilities);
``plain`` (``cross_val_predict(OneVsRestClassifier(LogisticRegression(max_iter=400)))`` +
``Datalab(task="multilabel")`` label check, the reference workflow for multi-label data).
Columns: F1, precision, recall of the flags; AP, AUROC of the score (low = issue); flagged /
injected; and for textaudit the share of corrupted rows whose suggested set change is exactly
the injected one (``fix``). Goal: textaudit AP >= plain AP + 0.10 at 10% noise. Last line JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import BANKING77_TRAIN  # noqa: E402

TOPICS = (("card", ("card",)), ("transfer", ("transfer",)), ("top_up", ("top_up",)), ("cash", ("atm", "cash")),
          ("exchange", ("exchange", "currency", "fiat")))


def topic_of(intent: str) -> str:
    """The coarse topic of a banking77 intent, from its name."""
    for topic, words in TOPICS:
        if any(word in intent for word in words):
            return topic
    return "other"


def build(dataset: str = "banking77") -> tuple[list[str], list[tuple[int, ...]], list[str], np.ndarray]:
    """(texts, clean sets, label names, MiniLM vectors), rows shuffled once (the file is sorted)."""
    import pandas as pd

    from bench.quality_data import minilm_vectors

    if dataset == "debtags":
        from bench.quality_debtags import debtags_sets

        texts, sets, names = debtags_sets()
        return texts, sets, names, minilm_vectors(texts)

    frame = pd.read_csv(BANKING77_TRAIN)
    texts = frame["text"].astype(str).tolist()
    intents = frame["category"].astype(str).tolist()
    vectors = minilm_vectors(texts)
    names = sorted(set(intents) | {topic_of(i) for i in intents} | {"other"})
    index = {name: i for i, name in enumerate(names)}
    sets = [tuple(sorted({index[i], index[topic_of(i)]})) for i in intents]
    order = np.random.default_rng(12345).permutation(len(texts))
    return [texts[i] for i in order], [sets[i] for i in order], names, vectors[order]


def inject(sets: list[tuple[int, ...]], n_labels: int, rate: float, seed: int):
    """Noisy sets, the corrupted mask, and each corrupted row's true (missing, extra) change."""
    rng = np.random.default_rng(seed)
    noisy = list(sets)
    rows = rng.choice(len(sets), int(round(rate * len(sets))), replace=False)
    corrupted = np.zeros(len(sets), dtype=bool)
    changes: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    for position, row in enumerate(rows):
        members = list(sets[row])
        if position % 2 == 0 and members:  # missing: one label dropped; the fix adds it back
            dropped = int(rng.choice(members))
            noisy[row] = tuple(m for m in members if m != dropped)
            changes[int(row)] = ((dropped,), ())
        else:  # extra: a label not in the set added; the fix removes it
            added = int(rng.choice([k for k in range(n_labels) if k not in members]))
            noisy[row] = tuple(sorted(members + [added]))
            changes[int(row)] = ((), (added,))
        corrupted[row] = True
    return noisy, corrupted, changes


def metrics(truth: np.ndarray, flags: np.ndarray, score: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    tp = int((flags & truth).sum())
    precision = tp / max(1, int(flags.sum()))
    recall = tp / max(1, int(truth.sum()))
    f1 = 2 * precision * recall / max(1e-12, precision + recall)
    return {"f1": f1, "precision": precision, "recall": recall, "ap": float(average_precision_score(truth, -score)),
            "auroc": float(roc_auc_score(truth, -score)), "flagged": int(flags.sum())}


def run_textaudit(vectors, noisy, n_labels, neighbours, csr):
    from engine.multilabel_audit import members, run_datalab_multilabel
    from engine.multilabel_predict import cross_val_label_probs

    probs = cross_val_label_probs(vectors, noisy, n_labels, neighbours=neighbours).pred_probs
    output = run_datalab_multilabel(noisy, probs, csr, features=vectors, issue_types=("label",))
    issues = output.issues
    suggested = [(tuple(sorted(members(m))), tuple(sorted(members(e))))
                 for m, e in zip(issues["missing_labels"], issues["extra_labels"])]
    return issues, suggested


def run_plain(vectors, noisy, n_labels):
    from cleanlab import Datalab
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.multiclass import OneVsRestClassifier

    from engine.multilabel import indicator

    targets = indicator(noisy, n_labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        probs = cross_val_predict(OneVsRestClassifier(LogisticRegression(max_iter=400)), vectors, targets,
                                  method="predict_proba")
        lab = Datalab(data={"label": [list(s) for s in noisy]}, label_name="label", task="multilabel", verbosity=0)
        lab.find_issues(pred_probs=probs, issue_types={"label": {}})
    return lab.get_issues("label")


def run(rates: list[float], seeds: list[int], dataset: str = "banking77", flagged_out: Path | None = None) -> list[dict]:
    from engine.neighbours import build_graph

    texts, sets, names, vectors = build(dataset)
    graph = build_graph(vectors, k=10)  # labels play no part: built once
    csr = graph.to_csr()
    rows = []
    for rate in rates:
        for seed in seeds if rate > 0 else seeds[:1]:  # rate 0: the file as given, one run
            noisy, truth, changes = inject(sets, len(names), rate, seed)
            started = time.perf_counter()
            issues, suggested = run_textaudit(vectors, noisy, len(names), graph.indices, csr)
            ours_s = time.perf_counter() - started
            started = time.perf_counter()
            plain = run_plain(vectors, noisy, len(names))
            plain_s = time.perf_counter() - started
            cell = {"dataset": dataset, "rate": rate, "seed": seed, "rows": len(texts), "labels": len(names),
                    "injected": int(truth.sum())}
            flags = {"textaudit": issues["is_label_issue"].to_numpy(bool),
                     "datalab": issues["datalab_is_label_issue"].to_numpy(bool),
                     "plain": plain["is_label_issue"].to_numpy(bool)}
            scores = {"textaudit": issues["label_score"].to_numpy(), "datalab": issues["datalab_label_score"].to_numpy(),
                      "plain": plain["label_score"].to_numpy()}
            for name in flags:
                cell[name] = (metrics(truth, flags[name], scores[name]) if truth.any()
                              else {"flagged": int(flags[name].sum())})
            if changes:
                fixed = sum(suggested[row] == change for row, change in changes.items())
                cell["textaudit"]["fix"] = fixed / max(1, len(changes))
            cell["seconds"] = {"textaudit": round(ours_s, 1), "plain": round(plain_s, 1)}
            rows.append(cell)
            print(json.dumps(cell), file=sys.stderr, flush=True)
            if flagged_out is not None and not truth.any():
                write_flagged(flagged_out, texts, noisy, names, suggested, flags, scores)
    return rows


def write_flagged(path: Path, texts, sets, names, suggested, flags, scores) -> None:
    """Each pipeline's flagged rows of the clean file, lowest score first, for reading."""
    with open(path, "w", encoding="utf-8") as handle:
        for name in flags:
            rows = np.flatnonzero(flags[name])
            handle.write(f"## {name}: {len(rows)} flagged\n")
            for row in rows[np.argsort(scores[name][rows], kind="stable")]:
                missing, extra = suggested[row]
                change = " ".join([f"+{names[k]}" for k in missing] + [f"-{names[k]}" for k in extra])
                handle.write(f"{row}\t{scores[name][row]:.3f}\t{texts[row]!r}\t"
                             f"{'|'.join(names[k] for k in sets[row])}\t{change}\n")


def table(rows: list[dict]) -> str:
    lines = [f"{'rate':>5} {'seed':>4} {'pipeline':<10} {'F1':>6} {'P':>6} {'R':>6} {'AP':>6} {'AUROC':>6} "
             f"{'flag/inj':>11} {'fix':>6}"]
    for cell in rows:
        for name in ("textaudit", "datalab", "plain"):
            m = cell[name]
            if "ap" not in m:  # the clean file: flags only
                lines.append(f"{cell['rate']:>5} {cell['seed']:>4} {name:<10} {'':>34} {m['flagged']:>5}/{cell['rows']}")
                continue
            fix = f"{m['fix']:6.3f}" if "fix" in m else ""
            lines.append(f"{cell['rate']:>5} {cell['seed']:>4} {name:<10} {m['f1']:6.3f} {m['precision']:6.3f} "
                         f"{m['recall']:6.3f} {m['ap']:6.3f} {m['auroc']:6.3f} "
                         f"{m['flagged']:>5}/{cell['injected']:<5} {fix}")
    return "\n".join(lines)


def goals(rows: list[dict]) -> dict:
    at10 = [c for c in rows if abs(c["rate"] - 0.1) < 1e-9]
    if not at10:
        return {}
    ours = float(np.mean([c["textaudit"]["ap"] for c in at10]))
    plain = float(np.mean([c["plain"]["ap"] for c in at10]))
    return {"ap_textaudit_10pct": round(ours, 4), "ap_plain_10pct": round(plain, 4),
            "ap_gain": round(ours - plain, 4), "goal_ap_gain_0.10_met": ours - plain >= 0.10}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="0.05,0.1")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--dataset", choices=("banking77", "debtags"), default="banking77")
    parser.add_argument("--flagged-out", type=Path, help="rate 0: write each pipeline's flagged rows here")
    parser.add_argument("--write-csv", type=Path, help="debtags: write the sample as a CSV (tags joined by |), exit")
    args, _ = parser.parse_known_args(argv)
    if args.write_csv is not None:
        from bench.quality_debtags import write_csv

        print(f"{write_csv(args.write_csv)} rows -> {args.write_csv}")
        return
    if args.dataset == "banking77" and not BANKING77_TRAIN.exists():
        raise SystemExit(f"{BANKING77_TRAIN} not found")
    rows = run([float(r) for r in args.rates.split(",")], [int(s) for s in args.seeds.split(",")], args.dataset,
               args.flagged_out)
    print(table(rows))
    result = goals(rows)
    print(json.dumps(result, indent=1))
    print(json.dumps({"bench": "quality_multilabel", "goals": result, "cells": rows}))


if __name__ == "__main__":
    main()
