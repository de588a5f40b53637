"""Outlier AP of 20 off-domain rows put into a dataset at random places, on ``--model tfidf``'s vectors.

Each arm scores every row by Datalab's outlier statistic, the mean cosine distance to its 10 nearest rows, and the
script prints the average precision of the 20 added rows under it, their median rank (0 = most outlying), and how
many rows (all / added) are past Datalab's cut or at similarity under 0.01 to every row (``--seeds -1``: none added,
the clean file's counts):

- ``svd``: the SVD's vectors, exact kNN: what ``--model tfidf`` scored before CHECKS_VERSION 7;
- ``terms``: the L2-normalised sparse TF-IDF rows, exact kNN (engine/terms_neighbours.terms_knn_graph: what the
  outlier check reads now), with its seconds;
- ``pairs``: the terms' distances over the SVD graph's pairs only (the same module's stand-in past MAX_PRODUCTS);
- ``minilm`` (``--minilm``): the bundled all-MiniLM-L6-v2, fp32, every row embedded (minutes on CPU).

    .venv/bin/python bench/tfidf_outliers.py                        # banking77 train + ag_news, seeds 0 and 1
    .venv/bin/python bench/tfidf_outliers.py --base manpages --base-csv /tmp/bench41/manpages_12b97d19e1efd20e.csv

banking77 and ag_news are read from ../shared/data (never copied in); manpages is bench/quality_manpages.py's
derived CSV (text, section), given by path. Prints one JSON line per seed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
#: name -> (csv, text column, label column)
SOURCES = {"banking77": (DATA / "banking77" / "train.csv", "text", "category"),
           "ag_news": (DATA / "ag_news" / "test.csv", "description", "label"),
           "manpages": (None, "text", "section")}
ADDED, K = 20, 10


def texts_of(name: str, path: str | None) -> list[str]:
    from engine.load import load_dataset

    csv, text_column, label_column = SOURCES[name]
    return list(load_dataset(str(path or csv), text_column=text_column, label_column=label_column).texts)


def with_added(base: list[str], donor: list[str], seed: int) -> tuple[list[str], np.ndarray]:
    """``base`` with ``ADDED`` rows of ``donor`` put at random places (tfidf42's draw), and which rows they are."""
    if seed < 0:
        return list(base), np.zeros(len(base), dtype=bool)
    rng = np.random.default_rng(seed)
    extra = [donor[i] for i in rng.choice(len(donor), ADDED, replace=False)]
    n = len(base) + ADDED
    added = np.zeros(n, dtype=bool)
    added[np.sort(rng.choice(n, ADDED, replace=False))] = True
    out, base_at, extra_at = [], iter(base), iter(extra)
    for is_added in added:
        out.append(next(extra_at) if is_added else next(base_at))
    return out, added


def figures(distances: np.ndarray, added: np.ndarray) -> dict:
    """AP and median rank of the ``added`` rows by the mean of ``distances`` ((n, k), ascending); the rows past
    Datalab's cut (Q3 + 1.7 IQR of the means), and those whose nearest row is at cosine similarity under 0.01
    (engine/outlier_isolated flags them whatever the cut), each as all rows / added rows."""
    from sklearn.metrics import average_precision_score

    scores = distances.mean(axis=1)
    rank = (-scores).argsort(kind="stable").argsort()
    q1, q3 = np.percentile(scores, [25, 75])
    past = scores > q3 + 1.7 * (q3 - q1)
    alone = distances[:, 0] > 0.99
    return {"ap": round(float(average_precision_score(added, scores)), 3) if added.any() else None,
            "median_rank": int(np.median(rank[added])) if added.any() else None,
            "past_cut": f"{int(past.sum())}/{int(past[added].sum())}",
            "isolated": f"{int(alone.sum())}/{int(alone[added].sum())}"}


def run(base: str, donor: str, seed: int, base_csv: str | None, minilm: bool) -> dict:
    from engine.embed import readable_texts
    from engine.neighbours import build_graph
    from engine.terms_neighbours import pairs_only, products, terms_knn_graph
    from engine.tfidf import term_matrix, tfidf_vectors

    texts, added = with_added(texts_of(base, base_csv), texts_of(donor, None), seed)
    readable = readable_texts(texts, "tfidf")
    svd = tfidf_vectors(readable)
    rows = term_matrix(readable).tocsr()
    graph = build_graph(svd, k=K, method="exact")
    out = {"base": base, "donor": donor, "seed": seed, "rows": len(texts), "products": f"{products(rows):.3g}"}
    out["svd"] = figures(graph.distances, added)
    started = time.perf_counter()
    terms, how = terms_knn_graph(rows, graph.indices)
    out["terms"] = {**figures(np.asarray(terms.data).reshape(len(texts), -1), added), "how": how,
                    "seconds": round(time.perf_counter() - started, 1)}
    sims, _ = pairs_only(rows, graph.indices.astype(np.int64))
    out["pairs"] = figures(1.0 - sims, added)
    if minilm:
        from engine.embed import embed_texts

        vectors = embed_texts(texts, model="all-MiniLM-L6-v2", device="cpu", precision="fp32")
        out["minilm"] = figures(build_graph(vectors, k=K, method="exact").distances, added)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="banking77", choices=sorted(SOURCES))
    parser.add_argument("--donor", default="ag_news", choices=sorted(SOURCES))
    parser.add_argument("--base-csv", help="the base's CSV (needed for manpages)")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--minilm", action="store_true", help="score all-MiniLM-L6-v2's vectors too (slow on CPU)")
    args = parser.parse_args()
    if args.base == "manpages" and not args.base_csv:
        parser.error("--base manpages needs --base-csv (bench/quality_manpages.py's CSV)")
    for seed in (int(s) for s in args.seeds.split(",")):
        print(json.dumps(run(args.base, args.donor, seed, args.base_csv, args.minilm)), flush=True)


if __name__ == "__main__":
    main()
