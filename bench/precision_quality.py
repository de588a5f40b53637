"""How far each embedding precision is from fp32: vector cosine and label-error detection.

    .venv/bin/python bench/precision_quality.py                          # banking77, fp32 vs int8
    .venv/bin/python bench/precision_quality.py --precisions int8,bf16 --datasets banking77,ag_news
    .venv/bin/python bench/precision_quality.py --cpu-profile avx2      # kernels as on an AVX2-only CPU

Per dataset: every text encoded by the lean encoder in fp32 and in each precision; the
cosine of each row to its fp32 vector (min, mean, 0.1th percentile, rows below 0.99). Then the
label-error cells of bench/quality.py's design (rows shuffled once, ``rate`` of the labels
flipped uniformly or to the nearest class by centroid, seeds), scored by textaudit's default
classifier and ``label_score`` on each precision's vectors with the same noisy labels: F1 of
``is_label_issue``, AP of ``label_score``, and their change from fp32. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import BANKING77_TRAIN  # noqa: E402
from bench.speed import CPU_PROFILES  # noqa: E402

DATASETS = {
    "banking77": (BANKING77_TRAIN, "text", "category"),
    "ag_news": (BANKING77_TRAIN.parents[1] / "ag_news" / "test.csv", "description", "label"),
}


def load(name: str) -> tuple[list[str], np.ndarray]:
    import pandas as pd

    path, text_column, label_column = DATASETS[name]
    frame = pd.read_csv(path)
    order = np.random.default_rng(12345).permutation(len(frame))  # files sorted by class
    texts = frame[text_column].astype(str).to_numpy()[order].tolist()
    _, labels = np.unique(frame[label_column].astype(str).to_numpy()[order], return_inverse=True)
    return texts, labels.astype(np.int64)


def vectors(texts: list[str], precision: str) -> tuple[np.ndarray, float]:
    from engine.bert_encoder import BertMeanEncoder
    from engine.embed_model import DEFAULT_MODEL, model_path

    started = time.perf_counter()
    encoder = BertMeanEncoder(model_path(DEFAULT_MODEL), precision=precision)
    return encoder.encode(texts), time.perf_counter() - started


def inject(labels: np.ndarray, kind: str, rate: float, seed: int, nearest: np.ndarray):
    """bench/quality.py's noise injection ('uniform' or 'confusable': to ``nearest[label]``)."""
    from bench.quality_shapes import inject as inject_noise

    return inject_noise(labels, kind, rate, seed, {"confusable": nearest})


def nearest_classes(features: np.ndarray, labels: np.ndarray) -> np.ndarray:
    n_classes = int(labels.max()) + 1
    centroids = np.stack([features[labels == c].mean(axis=0) for c in range(n_classes)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    similarity = centroids @ centroids.T
    np.fill_diagonal(similarity, -np.inf)
    return similarity.argmax(axis=1)


def detect(features: np.ndarray, noisy: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import average_precision_score

    from engine.audit import run_datalab
    from engine.neighbours import build_graph
    from engine.pipeline import AuditOptions
    from engine.predict import cross_val_pred_probs

    options = AuditOptions()
    neighbours = build_graph(features, k=10).indices
    probs = cross_val_pred_probs(features, noisy, int(noisy.max()) + 1, folds=options.folds,
                                 classifier=options.classifier, C=options.C, seed=options.seed,
                                 neighbours=neighbours).pred_probs
    issues = run_datalab(noisy, probs, None, issue_types=("label",)).issues
    flags = issues["is_label_issue"].to_numpy()
    tp = int((flags & truth).sum())
    precision, recall = tp / max(int(flags.sum()), 1), tp / max(int(truth.sum()), 1)
    return {"f1": 2 * precision * recall / max(precision + recall, 1e-12),
            "ap": float(average_precision_score(truth, -issues["label_score"].to_numpy())),
            "flagged": int(flags.sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="banking77")
    parser.add_argument("--precisions", default="int8", help="compared with fp32")
    parser.add_argument("--kinds", default="uniform,confusable")
    parser.add_argument("--rates", default="0.1")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--cpu-profile", choices=tuple(CPU_PROFILES), default="native")
    args = parser.parse_args()
    profile = CPU_PROFILES[args.cpu_profile]
    if any(os.environ.get(k) != v for k, v in profile.items()):  # the kernels are chosen at import
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, **profile})
    warnings.simplefilter("ignore")
    import torch

    out: dict = {"bench": "precision_quality", "cpu_profile": args.cpu_profile,
                 "cpu_capability": torch.backends.cpu.get_cpu_capability(), "load_average_1min": os.getloadavg()[0],
                 "datasets": {}}
    for name in args.datasets.split(","):
        texts, labels = load(name)
        runs = {"fp32": vectors(texts, "fp32")}
        for precision in args.precisions.split(","):
            runs[precision] = vectors(texts, precision)
        reference = runs["fp32"][0]
        nearest = nearest_classes(reference, labels)
        result: dict = {"rows": len(texts), "encode_s": {p: round(s, 1) for p, (_, s) in runs.items()}, "cosine": {}}
        for precision, (features, _) in runs.items():
            if precision != "fp32":
                cosine = np.sum(features * reference, axis=1)
                result["cosine"][precision] = {
                    "min": round(float(cosine.min()), 5), "mean": round(float(cosine.mean()), 6),
                    "p0.1": round(float(np.percentile(cosine, 0.1)), 5), "below_0.99": int((cosine < 0.99).sum()),
                    "worst_text": texts[int(cosine.argmin())][:80]}
        print(name, json.dumps(result["cosine"]), flush=True)
        cells = []
        for kind in args.kinds.split(","):
            for rate in map(float, args.rates.split(",")):
                for seed in map(int, args.seeds.split(",")):
                    noisy, truth = inject(labels, kind, rate, seed, nearest)
                    cell = {"kind": kind, "rate": rate, "seed": seed}
                    for precision, (features, _) in runs.items():
                        cell[precision] = detect(features, noisy, truth)
                    print(name, json.dumps(cell), flush=True)
                    cells.append(cell)
        result["cells"] = cells
        result["mean_delta_vs_fp32"] = {
            precision: {metric: round(float(np.mean([c[precision][metric] - c["fp32"][metric] for c in cells])), 4)
                        for metric in ("f1", "ap")}
            for precision in runs if precision != "fp32"}
        result["max_abs_delta_vs_fp32"] = {
            precision: {metric: round(float(np.max([abs(c[precision][metric] - c["fp32"][metric]) for c in cells])), 4)
                        for metric in ("f1", "ap")}
            for precision in runs if precision != "fp32"}
        out["datasets"][name] = result
    print(json.dumps(out))


if __name__ == "__main__":
    main()
