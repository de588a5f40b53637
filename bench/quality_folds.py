"""How much of a quality cell's AP is the fold draw: each pipeline over several cross-validation splits.

    .venv/bin/python bench/quality_folds.py --datasets ag_news+tfidf --kinds uniform --rates 0.02 --seeds 0,1 --draws 5

bench/quality.py scores one split per cell: textaudit's folds with its default seed (0), the plain workflow's
``cross_val_predict`` with scikit-learn's unshuffled ``StratifiedKFold(5)``. Goal (a) of issue 17 asks for
textaudit's AP within 0.01 of the better of plain and Datalab; at low rates (~150 flips) that is below what a
different split alone moves either pipeline. This script scores the same noisy labels under ``--draws`` splits:
textaudit with fold seeds 0..draws-1 (the engine's own shuffled folds), plain with the unshuffled split and
``StratifiedKFold(5, shuffle=True, random_state=s)`` for s < draws-1, and Datalab's own score on each of
textaudit's draws. It prints each cell's AP per draw, the mean and standard deviation per pipeline, and whether
goal (a) holds on the means. Label scores come from ``run_datalab`` (the label stage users get). The last line is
JSON. Slow on large sets (one cross-validation per draw per pipeline): meant for the few cells near a goal.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.quality import dataset_inputs  # noqa: E402
from bench.quality_shapes import inject  # noqa: E402


def textaudit_draw(features, noisy, neighbours, fold_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """textaudit's label score and Datalab's own score on textaudit's pred_probs, folds seeded ``fold_seed``."""
    from engine.audit import run_datalab
    from engine.pipeline import AuditOptions
    from engine.predict import cross_val_pred_probs

    options = AuditOptions()
    probs = cross_val_pred_probs(
        features, noisy, int(noisy.max()) + 1, folds=options.folds, classifier=options.classifier,
        C=options.C, seed=fold_seed, neighbours=neighbours,
    ).pred_probs
    issues = run_datalab(noisy, probs, None, issue_types=("label",)).issues
    return issues["label_score"].to_numpy(), issues["datalab_label_score"].to_numpy()


def plain_draw(features, noisy, draw: int) -> np.ndarray:
    """The plain workflow's Datalab label score: draw 0 its own unshuffled split, then shuffled ones."""
    from cleanlab import Datalab
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    cv = 5 if draw == 0 else StratifiedKFold(5, shuffle=True, random_state=draw - 1)
    try:
        probs = cross_val_predict(LogisticRegression(max_iter=400), features, noisy, cv=cv, method="predict_proba")
    except ValueError:  # a fold left with one class (a 1-row class of two): the plain workflow fails, as in quality.py
        return np.full(len(noisy), np.nan)
    lab = Datalab(data={"label": noisy}, label_name="label", verbosity=0)
    lab.find_issues(pred_probs=probs, issue_types={"label": {}})
    return lab.get_issues("label")["label_score"].to_numpy()


def cell(spec: str, kind: str, rate: float, seed: int, draws: int, data, targets, neighbours) -> dict:
    from sklearn.metrics import average_precision_score

    _, labels, features = data
    noisy, truth = inject(labels, kind, rate, seed, targets)
    noisy = np.searchsorted(np.unique(noisy), noisy)
    ap = {"textaudit": [], "datalab": [], "plain": []}
    for draw in range(draws):
        ours, datalab = textaudit_draw(features, noisy, neighbours, draw)
        ap["textaudit"].append(average_precision_score(truth, -ours))
        ap["datalab"].append(average_precision_score(truth, -datalab))
        plain = plain_draw(features, noisy, draw)
        ap["plain"].append(float("nan") if np.isnan(plain).any() else average_precision_score(truth, -plain))
    means = {name: float(np.mean(values)) for name, values in ap.items()}  # plain: nan where its workflow failed
    return {
        "dataset": spec, "kind": kind, "rate": rate, "seed": seed, "injected": int(truth.sum()),
        **{f"{name}_ap": [round(v, 4) for v in values] for name, values in ap.items()},
        **{f"{name}_mean": round(m, 4) for name, m in means.items()},
        **{f"{name}_sd": round(float(np.std(values)), 4) for name, values in ap.items()},
        "goal_a_on_means": bool(means["textaudit"] >= np.nanmax([means["plain"], means["datalab"]]) - 0.01),
        "goal_a_on_first_draw": bool(ap["textaudit"][0] >= np.nanmax([ap["plain"][0], ap["datalab"][0]]) - 0.01),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", required=True)
    parser.add_argument("--kinds", default="uniform,confusable,pair-swap")
    parser.add_argument("--rates", default="0.02")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--draws", type=int, default=5, help="cross-validation splits per pipeline (>= 2)")
    args = parser.parse_args()
    if args.draws < 2:
        parser.error("--draws must be 2 or more")
    warnings.simplefilter("ignore")
    rows = []
    for spec in args.datasets.split(","):
        if (inputs := dataset_inputs(spec)) is None:  # as bench/quality.py: the same noise, the same graph
            continue
        data, targets, neighbours = inputs
        for kind in args.kinds.split(","):
            for rate in map(float, args.rates.split(",")):
                for seed in map(int, args.seeds.split(",")):
                    row = cell(spec, kind, rate, seed, args.draws, data, targets, neighbours)
                    rows.append(row)
                    print(f"{spec} {kind} {rate:g} seed {seed}: textaudit {row['textaudit_mean']:.3f} "
                          f"(sd {row['textaudit_sd']:.3f}), plain {row['plain_mean']:.3f} (sd {row['plain_sd']:.3f}), "
                          f"datalab {row['datalab_mean']:.3f}; first draw {row['textaudit_ap'][0]:.3f} vs plain "
                          f"{row['plain_ap'][0]:.3f}", flush=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
