"""Multi-label error detection with injected missing and extra labels (issue 16).

    nice -n 10 .venv/bin/python bench/quality_multilabel.py                 # banking77-ML, 5% and 10%, seeds 0,1
    nice -n 10 .venv/bin/python bench/quality.py --multilabel --rates 0.1 --seeds 0

Data: banking77 (../shared/data/banking77/train.csv), each row keeping its intent and gaining a
coarse topic derived from the intent's name (``card`` if the name has "card", else ``transfer``,
``top_up``, ``cash`` (atm/cash), ``exchange`` (exchange/currency/fiat), else ``other``): 77 + 6
labels, two per row, sets that are real and consistent. Noise: ``rate`` of the rows corrupted,
half with one label dropped (missing), half with one random label not in the set added
(extra). Truth: the corrupted rows.

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


def build() -> tuple[list[str], list[tuple[int, ...]], list[str], np.ndarray]:
    """(texts, clean sets, label names, MiniLM vectors), rows shuffled once (the file is sorted)."""
    import pandas as pd

    from bench.quality_data import minilm_vectors

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


def run(rates: list[float], seeds: list[int]) -> list[dict]:
    from engine.neighbours import build_graph

    texts, sets, names, vectors = build()
    graph = build_graph(vectors, k=10)  # labels play no part: built once
    csr = graph.to_csr()
    rows = []
    for rate in rates:
        for seed in seeds:
            noisy, truth, changes = inject(sets, len(names), rate, seed)
            started = time.perf_counter()
            issues, suggested = run_textaudit(vectors, noisy, len(names), graph.indices, csr)
            ours_s = time.perf_counter() - started
            started = time.perf_counter()
            plain = run_plain(vectors, noisy, len(names))
            plain_s = time.perf_counter() - started
            cell = {"rate": rate, "seed": seed, "rows": len(texts), "labels": len(names), "injected": int(truth.sum())}
            cell["textaudit"] = metrics(truth, issues["is_label_issue"].to_numpy(bool), issues["label_score"].to_numpy())
            cell["datalab"] = metrics(truth, issues["datalab_is_label_issue"].to_numpy(bool),
                                      issues["datalab_label_score"].to_numpy())
            cell["plain"] = metrics(truth, plain["is_label_issue"].to_numpy(bool), plain["label_score"].to_numpy())
            fixed = sum(suggested[row] == change for row, change in changes.items())
            cell["textaudit"]["fix"] = fixed / max(1, len(changes))
            cell["seconds"] = {"textaudit": round(ours_s, 1), "plain": round(plain_s, 1)}
            rows.append(cell)
            print(json.dumps(cell), file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = [f"{'rate':>5} {'seed':>4} {'pipeline':<10} {'F1':>6} {'P':>6} {'R':>6} {'AP':>6} {'AUROC':>6} "
             f"{'flag/inj':>11} {'fix':>6}"]
    for cell in rows:
        for name in ("textaudit", "datalab", "plain"):
            m = cell[name]
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
    args, _ = parser.parse_known_args(argv)
    if not BANKING77_TRAIN.exists():
        raise SystemExit(f"{BANKING77_TRAIN} not found")
    rows = run([float(r) for r in args.rates.split(",")], [int(s) for s in args.seeds.split(",")])
    print(table(rows))
    result = goals(rows)
    print(json.dumps(result, indent=1))
    print(json.dumps({"bench": "quality_multilabel", "goals": result, "cells": rows}))


if __name__ == "__main__":
    main()
