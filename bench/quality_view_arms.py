"""Issue 17's pooled-view arms against main (engine40, bench/README.md): character n-gram views beside the word one.

    .venv/bin/python bench/quality_view_arms.py fortunes confusable:0.1:1,uniform:0.02:0 --arms C1,C2,C3

Main is the product's label check: MiniLM's out-of-fold pred_probs pooled with the word 1-2-gram TF-IDF view's
(engine/second_view.py, weight by out-of-fold log-loss), read from bench/quality.py's ``--reuse-pred-probs`` cache
(``ta_`` / ``tv_``; computed and cached here where missing, keyed as there). Arms, each pooled by the same fit:
``C1`` a char_wb 2-5-gram TF-IDF view (capped at the view's terms, the same truncated SVD, zero rows for texts sharing
no term, its own kNN graph, the same classifier and folds) in place of the word view; ``C2`` word + char as one view
(the two row-normalised TF-IDF matrices side by side, one SVD); ``C3`` MiniLM / word / char pooled with simplex
weights (step 0.05; ties to the smaller char, then word weight). Each cell scored by the engine's ``run_datalab``;
one JSON line per cell on stdout (F1, AP, flags, Datalab's AP per arm). Vectors and pred_probs are cached in the
bench cache (``char_`` / ``wc_`` vectors, ``tc_`` / ``twc_`` pred_probs).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import quality as Q  # noqa: E402
from bench.quality_data import bench_cache, cached_array  # noqa: E402
from bench.quality_shapes import inject  # noqa: E402

GRID = np.round(np.arange(21) * 0.05, 2)


def char_matrix(texts: list[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from engine.second_view import VIEW_MAX_TERMS

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                           max_features=VIEW_MAX_TERMS).fit_transform(texts)


def word_matrix(texts: list[str]) -> Any:
    """The word view's TF-IDF matrix (engine/tfidf.tfidf_vectors' vectorizer, capped as the view's)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from engine.second_view import VIEW_MAX_TERMS

    words = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    return TfidfVectorizer(analyzer=words, sublinear_tf=True, max_features=VIEW_MAX_TERMS).fit_transform(texts)


def svd_vectors(matrix: Any) -> np.ndarray:
    """engine/tfidf.tfidf_vectors' reduction: truncated SVD to <= 256 dims, isolated rows zero, unit rows."""
    from sklearn.preprocessing import normalize

    from engine.tfidf import COMPONENTS, shares_a_term, truncated_svd

    matrix = matrix.tocsr()
    dense = truncated_svd(matrix, min(COMPONENTS, matrix.shape[0] - 1, matrix.shape[1] - 1))
    dense[~shares_a_term(matrix)] = 0.0
    return normalize(dense, copy=False).astype(np.float32)


def view_vectors(name: str, texts: list[str]) -> np.ndarray:
    """``char``: C1's vectors; ``wc``: C2's (word and char matrices side by side, scaled by 1/sqrt(2))."""
    import scipy.sparse as sp

    if name == "char":
        return svd_vectors(char_matrix(texts))
    return svd_vectors(sp.hstack([word_matrix(texts), char_matrix(texts)]).tocsr() / np.sqrt(2.0))


def view_inputs(name: str, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """A view's cached vectors and its kNN graph (k 10, as the word view's in bench/quality.py)."""
    from engine.load import hash_strings
    from engine.neighbours import build_graph

    vectors = cached_array(bench_cache() / f"{name}_{hash_strings(texts)[:16]}.npy", lambda: view_vectors(name, texts))
    return vectors, build_graph(vectors, k=10).indices


def _logs(*views: np.ndarray) -> list[np.ndarray]:
    from engine.predict import PROB_FLOOR

    return [np.log(np.maximum(np.asarray(p, dtype=np.float64), PROB_FLOOR)) for p in views]


def _pool3(logs: list[np.ndarray], b: float, c: float) -> np.ndarray:
    logits = (1.0 - b - c) * logs[0] + b * logs[1] + c * logs[2]
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    return probs / probs.sum(axis=1, keepdims=True)


def fit_three(p_m: np.ndarray, p_t: np.ndarray, p_c: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """C3's (word, char) weights: the simplex grid point with the lowest mean log-loss of ``labels``."""
    logs, rows, best = _logs(p_m, p_t, p_c), np.arange(len(labels)), None
    for c in GRID:  # ties: the first found, so the smaller c, then the smaller b
        for b in GRID[GRID <= 1.0 - c + 1e-9]:
            loss = -np.log(np.maximum(_pool3(logs, b, c)[rows, labels], 1e-300)).mean()
            if best is None or loss < best[0]:
                best = (loss, float(b), float(c))
    return best[1], best[2]


def pool_three(p_m: np.ndarray, p_t: np.ndarray, p_c: np.ndarray, b: float, c: float) -> np.ndarray:
    """``p_m^(1-b-c) p_t^b p_c^c``, renormalised and floored as engine/second_view.pool_views."""
    from engine.predict import PROB_FLOOR

    probs = np.maximum(_pool3(_logs(p_m, p_t, p_c), b, c), PROB_FLOOR)
    return (probs / probs.sum(axis=1, keepdims=True)).astype(np.float32)


def scored(noisy: np.ndarray, probs: np.ndarray, truth: np.ndarray, **weights: float) -> dict[str, float]:
    from engine.audit import run_datalab

    issues = run_datalab(noisy, probs, None, issue_types=("label",)).issues
    ours = Q.metrics(issues["is_label_issue"].to_numpy(), issues["label_score"].to_numpy(), truth)
    theirs = Q.metrics(issues["datalab_is_label_issue"].to_numpy(), issues["datalab_label_score"].to_numpy(), truth)
    return {**ours, "dl_ap": theirs["ap"], "dl_flagged": theirs["flagged"], **weights}


def main() -> None:
    from engine.second_view import fit_view_weight, pool_views

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("cells", help="KIND:RATE:SEED,... (rate 0: the clean file)")
    parser.add_argument("--arms", default="C1,C2,C3")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    arms = args.arms.split(",")
    if (inputs := Q.dataset_inputs(args.dataset)) is None:
        raise SystemExit(1)
    (texts, labels, features), targets, neighbours = inputs
    folder = bench_cache() / "pred_probs"
    for cell in args.cells.split(","):
        kind, rate, seed = cell.split(":")
        noisy, truth = inject(labels, kind, float(rate), int(seed), targets)
        present = np.unique(noisy)
        noisy = np.searchsorted(present, noisy)
        tag = Q.cell_tag(args.dataset, kind, float(rate), int(seed), len(noisy))

        def oof(prefix: str, vectors: np.ndarray, graph: np.ndarray) -> np.ndarray:
            return cached_array(folder / f"{prefix}_{tag}.npy", lambda: Q.textaudit_pred_probs(vectors, noisy, graph))

        p_m = oof("ta", features, neighbours)
        if p_m.shape[1] > len(present):  # cached before the renumbering, as bench/quality.cell_probs
            p_m = p_m[:, present] / p_m[:, present].sum(axis=1, keepdims=True)
        p_t = oof("tv", *Q.tfidf_view(args.dataset, texts))
        w = fit_view_weight(p_m, p_t, noisy)
        row: dict[str, Any] = {"dataset": args.dataset, "kind": kind, "rate": float(rate), "seed": int(seed),
                               "main": scored(noisy, pool_views(p_m, p_t, w), truth, w=w)}
        if "C1" in arms or "C3" in arms:
            p_c = oof("tc", *view_inputs("char", list(texts)))
            if "C1" in arms:
                w1 = fit_view_weight(p_m, p_c, noisy)
                row["C1"] = scored(noisy, pool_views(p_m, p_c, w1), truth, w=w1)
            if "C3" in arms:
                b, c = fit_three(p_m, p_t, p_c, noisy)
                row["C3"] = scored(noisy, pool_three(p_m, p_t, p_c, b, c), truth, b=b, c=c)
        if "C2" in arms:
            p_x = oof("twc", *view_inputs("wc", list(texts)))
            w2 = fit_view_weight(p_m, p_x, noisy)
            row["C2"] = scored(noisy, pool_views(p_m, p_x, w2), truth, w=w2)
        print(json.dumps(row, default=float), flush=True)


if __name__ == "__main__":
    main()
