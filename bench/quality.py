"""Label-error detection with injected noise: a matrix of datasets x noise shapes x rates x seeds.

    .venv/bin/python bench/quality.py                                # the whole matrix (~1 h on 2 cores)
    .venv/bin/python bench/quality.py --datasets banking77 --kinds confusable --rates 0.1 --seeds 0
    .venv/bin/python bench/quality.py --list                         # the dataset names

Datasets (``+`` derives a variant from a base; variants combine):
  banking77           ../shared/data/banking77/train.csv (77 intents, short texts)
  ag_news             ../shared/data/ag_news/test.csv, ``description`` column (4 topics, integer labels)
  banking77test       ../shared/data/banking77/test.csv (3,080 rows; the sanity runs, session 18's unseen base)
  ag_news_title       ag_news's ``title`` column instead (short headlines; session 18's unseen base)
  ag_news_full        ag_news's title and description joined by a line break, as ``--text-column
                      title+description`` reads them (session 21's holdout)
  debian              the Debian package index (session 31, debian31): ``apt-cache dumpavail`` built at run time
                      into a CSV in the bench cache (keyed by a hash of the dump; never in the repo), one row
                      per package, text its one-line synopsis, label its section without a contrib/ or
                      non-free/ prefix (bookworm: 63,697 packages, 58 sections from libs 6,711 to zope 15);
                      a seeded sample of 10,000 packages (the whole index is too slow for the matrix on 2
                      cores), the natural long tail kept. Skipped with one line where apt-cache or its
                      lists are missing. The real labels carry real noise (libs vs oldlibs, python vs
                      science), so injected flips come on top of it. No long descriptions: they live in
                      Translation-en files, which apt's lists here do not carry
  debian_all          every package of the index (63,697 rows)
  manpages            the manual pages' index (session 32, man32; bench/quality_manpages.py): man-db's
                      ``apropos --long .`` (``man -k .``) built at run time into a CSV in the bench cache
                      (keyed by a hash of its output; never in the repo), one row per (name, section), text
                      ``name - description``, label the section as given (1, 3, 8, 3pm, 3ssl, 7ssl, 3type,
                      ...: here 5,793 pages, 22 sections from 3 with 2,220 to four of 1 row; gcloud's 16,631
                      ``(unknown subject)`` pages left out); a seeded sample of 10,000 where a machine has
                      more. Skipped with one line where man-db is missing
  wordnet             WordNet 3.0's synsets (session 33, domain33; bench/quality_wordnet.py): Debian's
                      wordnet-base (installed, or its .deb fetched once by ``apt-get download`` into the
                      bench cache) built at run time into a CSV in the bench cache (keyed by a hash of its
                      data files; never in the repo), text ``words: gloss``, label the lexicographer file
                      (noun.artifact, verb.motion, adj.ppl, ...: 45 files, 11,587 to 42 synsets); a seeded
                      sample of 6,000 (44 classes, 729 rows to 2). Skipped with one line where
                      neither the package nor apt's network is there
  fortunes            fortune cookies by cookie file (session 34, domain34; bench/quality_fortunes.py):
                      Debian's fortunes (installed, or its .deb fetched once by ``apt-get download`` into
                      the bench cache) built at run time into a CSV in the bench cache (keyed by a hash of
                      the cookie files; never in the repo), one row per fortune, text the fortune with its
                      whitespace normalised, label the cookie file (people, definitions, computers, ...,
                      zippy: 40 files; no offensive ``off/`` files; a text in two files dropped from both:
                      14,175 fortunes); a seeded sample of 6,000 (39 classes, 532 rows to 3). Skipped with
                      one line where neither the package nor apt's network is there
  X+longtail          a long tail: a third of the classes shrink geometrically to 1 row (1-10 rows)
  X+split             every class split in two by 2-means on its vectors (banking77: 154 classes)
  X+tfidf             weak embeddings: textaudit's ``--model tfidf`` vectors for both pipelines
  X+fine50            50 classes at random, 42 whole and a tail of 8 with 1-9 rows (one of 1 row): the
                      hidden domain's shape (issue 17: 5,444 rows, 8 classes < 10 rows, one of 1)
  X+zipf50            50 classes as +fine50, but the 42 shrink geometrically from 190 rows to 10
                      (median class ~35 rows, as skewed as a TREC-like question set)
  X+binary            two classes at random, every row
  X+imbalanced        two classes at random, the second cut to 1% of the rows (99:1)
  X+tiny              60 rows: 15 of each of 4 classes at random
  X+skew95            two classes at random, the second cut to 5% of the rows (95:5)
  X+dup               every row 2 or 3 times (exact copies, shuffled); noise injected after, so copies
                      of one text may disagree
  X+projN             weak embeddings: the MiniLM vectors through a fixed random projection to N
                      dimensions (bench/quality_shapes.py; seed 2026, rows L2-normalised), both pipelines.
                      +proj10: textaudit's out-of-fold kappa on the clean labels 0.60 (banking77), 0.69
                      (+fine50, 5,424 rows: the hidden domain's size), 0.65 (+zipf50); +proj8 0.47-0.54
  X+coarseN           few classes: the classes grouped into N (2-9) by k-means on their centroids, as
                      coarse topics (banking77+coarse3: 3 groups of intents; fuzzy boundaries)
Holdout variants (session 21; opt-in, never tuned on; bench/README.md "Session 21"):
  banking77+topics    6 coarse classes by a keyword of the intent's name (card, transfer, top_up, cash,
                      exchange, other: a hierarchy a person wrote, 477-3,280 rows a class)
  X+minor2            every class, one (at random) cut to 2% of its rows (ag_news: 38 rows beside 3 x 1,900)
  X+scatter           half the classes whole, the other half 1-3 rows each, and a tenth of the rows
                      copied exactly once (banking77: 5,569 rows, 38 classes of 1-3 rows)
Holdout variants (session 22; opt-in, never tuned on; bench/README.md "Session 22"):
  X+rmergeN           the classes dealt at random into N labels: each a union of unrelated intents
  X+firstN            every text cut to its first N words (noise targets from the whole texts)
  X+small15           a small set: 15 classes at random, 15-50 rows each (banking77: ~480 rows)
  X+major60           one class whole at 60% of the rows, the others cut evenly (ag_news: 3,167 rows)
  X+other60           classes merged at random into one catch-all label until it holds 60% of the rows
  X+twins             a fifth of the rows copied exactly once; with noise kind ``twin`` (flips only on
                      the second copies) every flip leaves one text under two labels
Holdout variant (session 24; opt-in, never tuned on; bench/README.md "Session 24 (quality24b)"):
  X+vsrest10          two labels: classes in random order form the positive one until it holds 10% of the
                      rows, the rest the negative one (ag_news: one topic cut to 10%; banking77 7 intents,
                      banking77test 8)
Holdout variants (session 25, probe25; opt-in, never tuned on; bench/README.md "Session 25 (probe25)"):
  banking77X+hier     parents and children both labels: a quarter of the rows of 5 topics (card, transfer,
                      top_up, cash, exchange) labelled with the topic alone, the rest with their intent (82
                      labels); a parent-labelled row is coarse, not wrong
  ag_newsX+halftitle  two sources, one label space: half the rows (at random) carry their title, half their
                      description
  X+near              a third of the rows get 1-3 near copies (edits: case, a word dropped or swapped, a
                      greeting, a typo; never exact), shuffled; noise per row, so near copies may disagree
  banking77X+news     two sources in one file: the queries and 500 ag_news descriptions of each topic, the
                      topics as 4 more labels (banking77test: 5,080 rows, 81 labels)
Holdout variants (session 27, holdout27; opt-in, never tuned on; bench/README.md "Session 27 (holdout27)"):
  X+rare3             two labels, a rare positive (spam / fraud): classes in random order form it until it holds
                      3% of the rows (ag_news: one topic cut to 176 of 5,876 rows; banking77test: 3 intents, 92)
  X+bal20, X+few20    small sets: 20 classes at random, 100 rows each / 15-30 rows each
  X+shot10            few-shot intents: every class cut to 10 rows (banking77: 770 rows)
  ``twin`` on X+near  flips only on near copies, so each flip leaves a paraphrase-like pair under two labels
Sanity (no noise at all): ``--rates 0`` flags only what the real labels give (AP blank); a tool that
flags tens of % of a clean dataset is broken. ``--sanity`` runs that and the degenerate shapes.
Noise: ``uniform`` (a random other class), ``confusable`` (the class whose centroid is nearest,
clean labels), ``pair-swap`` (classes paired at random, a flip goes to the partner); ``rate`` of
the rows flipped, chosen at random. Two more (``--kinds``, session 18, bench/quality_shapes.py):
``ambiguous`` (an annotator's slips: rows drawn with weight falling exponentially in their MiniLM
nearest-centroid margin, flipped to their runner-up class) and ``fewclass`` (class-conditional: a
few classes at random have 25% of their rows flipped to a random other class, the rest clean).
``sibling`` (session 21): a random other class of the row's coarse group (the classes in 6 groups by
k-means on their MiniLM centroids), as flips between the fine classes of one coarse topic.
Session 23's holdout kinds: ``sink`` (every flip into one catch-all class, annotators defaulting to
"other": a random class of at least the median size, seeded) and ``oneclass`` (class-conditional: the
flips only out of the largest class, to random other classes, ``rate`` x all rows where that class holds
them, else half its rows; so on banking77 5% and 10% are the same cell).

Three scorers per cell, same noisy labels: ``textaudit`` (its default classifier and
``run_datalab``'s ``label_score`` / ``is_label_issue``); ``datalab`` (Datalab's own
``datalab_label_score`` / ``datalab_is_label_issue`` on textaudit's pred_probs); ``plain``
(MiniLM vectors + ``cross_val_predict(LogisticRegression(max_iter=400))`` + Datalab's label
check; on ``+tfidf`` variants the same TF-IDF vectors). Columns: F1, precision, recall of the
flags; AP, AUROC of the score (low = issue); rows flagged / injected; ``acc``: textaudit's
out-of-fold accuracy against the clean labels; ``score``: textaudit's label score per seed
(engine/label_posterior.py): P the noise-aware posterior, S self-confidence chosen by the
held-out noise-model test, R the posterior on cleanlab's flip rate per class where that test
found random destinations but held-out rows back the rates per class (engine/class_rates.py),
F self-confidence because the guards distrust the noise estimate, O the posterior on each class's own
flip rate where the guards distrust it but held-out rows back flips out of one class (two classes, session 25).
Each cell's JSON also carries the held-out test's ``structure_share`` / ``structure_z`` and the
classifier's ``kappa`` (engine/label_posterior.py's diagnostics).

MiniLM vectors are textaudit's fp32 encoder (cosine to sentence-transformers > 0.99999), kept
as .npy under the user cache (``textaudit-bench``) keyed by the texts; labels never enter
them, so every cell reuses them. ``--reuse-pred-probs`` also keeps each cell's out-of-fold
probabilities (for trying scorers quickly), keyed by ``--code-version`` (``debian``, ``manpages``, ``wordnet`` and ``fortunes`` cells
also by the hash of the index they were built from). Rows are shuffled once per dataset (banking77's file is sorted by class). The last
line is JSON.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.quality_data import (  # noqa: E402
    DATA_KEYS, DEFAULT_DATASETS, KINDS, SANITY_DATASETS, DatasetUnavailable, bench_cache, cached_array, load_dataset,
    minilm_spec, tfidf_vectors,
)
from bench.quality_holdout27 import copy_rows  # noqa: E402
from bench.quality_shapes import inject, noise_targets  # noqa: E402


def plain_pred_probs(features: np.ndarray, labels: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    try:
        return cross_val_predict(LogisticRegression(max_iter=400), features, labels, method="predict_proba")
    except ValueError:  # a fold left with one class (a 1-row class of two): the plain workflow fails
        return np.full((len(labels), int(labels.max()) + 1), np.nan)


def textaudit_pred_probs(features: np.ndarray, labels: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
    from engine.pipeline import AuditOptions
    from engine.predict import cross_val_pred_probs

    options = AuditOptions()
    return cross_val_pred_probs(
        features, labels, int(labels.max()) + 1, folds=options.folds, classifier=options.classifier,
        C=options.C, seed=options.seed, neighbours=neighbours,
    ).pred_probs


def datalab_label(labels: np.ndarray, pred_probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from cleanlab import Datalab

    lab = Datalab(data={"label": labels}, label_name="label", verbosity=0)
    lab.find_issues(pred_probs=pred_probs, issue_types={"label": {}})
    issues = lab.get_issues("label")
    return issues["is_label_issue"].to_numpy(), issues["label_score"].to_numpy()


def metrics(flags: np.ndarray, score: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    tp = int((flags & truth).sum())
    precision = tp / max(int(flags.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    ranked = 0 < truth.sum() < len(truth) and not np.isnan(score).any()  # no injected noise: nothing to rank
    return {
        "f1": 2 * precision * recall / max(precision + recall, 1e-12), "p": precision, "r": recall,
        "ap": float(average_precision_score(truth, -score)) if ranked else float("nan"),
        "auroc": float(roc_auc_score(truth, -score)) if ranked else float("nan"),
        "flagged": int(flags.sum()),
    }


#: ``--code-version``: the key of cached pred_probs, pinned when engine edits are known not to
#: change them (a refactor of neighbours.py re-keys every cell otherwise)
PINNED_CODE_VERSION: str | None = None


def code_version() -> str:
    """A hash of the code that makes pred_probs (cached out-of-fold probabilities follow it)."""
    import hashlib

    if PINNED_CODE_VERSION:
        return PINNED_CODE_VERSION

    root = Path(__file__).resolve().parents[1] / "engine"
    return hashlib.sha256(b"".join((root / f).read_bytes() for f in ("predict.py", "neighbours.py"))).hexdigest()[:10]


def cell_tag(spec: str, kind: str, rate: float, seed: int, n_rows: int) -> str:
    data = f"@{DATA_KEYS[spec]}" if spec in DATA_KEYS else ""  # debian, manpages: the index's hash
    return f"{spec}{data}_{kind}_{rate:g}_{seed}_{n_rows}_{code_version()}".replace("+", "-")


def is_cached(spec: str, kind: str, rate: float, seed: int, n_rows: int) -> bool:
    tag = cell_tag(spec, kind, rate, seed, n_rows)
    return all((bench_cache() / "pred_probs" / f"{who}_{tag}.npy").exists() for who in ("ta", "plain"))


def cell_probs(spec, kind, rate, seed, data, targets, neighbours, reuse: bool):
    """Noisy labels, the injected rows, both pipelines' out-of-fold pred_probs for one cell, and
    the classes left in the noisy labels. A class whose every row was flipped away (a long
    tail's 1-row classes) is gone, as in a user's file: labels are renumbered over the classes
    left and its pred_probs column dropped (Datalab rejects a column no label uses)."""
    _, labels, features = data
    noisy, truth = inject(labels, kind, rate, seed, targets)
    present = np.unique(noisy)
    noisy = np.searchsorted(present, noisy)
    tag = cell_tag(spec, kind, rate, seed, len(noisy))
    if reuse:
        folder = bench_cache() / "pred_probs"
        ta_probs = cached_array(folder / f"ta_{tag}.npy", lambda: textaudit_pred_probs(features, noisy, neighbours))
        plain_probs = cached_array(folder / f"plain_{tag}.npy", lambda: plain_pred_probs(features, noisy))
    else:
        ta_probs = textaudit_pred_probs(features, noisy, neighbours)
        plain_probs = plain_pred_probs(features, noisy)
    if ta_probs.shape[1] > len(present):  # cached before the renumbering
        ta_probs = ta_probs[:, present] / ta_probs[:, present].sum(axis=1, keepdims=True)
    if "tfidf" not in spec.split("+")[1:]:  # the product's default: the TF-IDF view pooled in (engine/second_view.py)
        from engine.second_view import fit_view_weight, pool_views

        view_vectors, view_neighbours = tfidf_view(spec, data[0])
        compute = functools.partial(textaudit_pred_probs, view_vectors, noisy, view_neighbours)
        view_probs = (cached_array(bench_cache() / "pred_probs" / f"tv_{tag}.npy", compute) if reuse else compute())
        ta_probs = pool_views(ta_probs, view_probs, fit_view_weight(ta_probs, view_probs, noisy))
    return noisy, truth, ta_probs, plain_probs, present


_VIEWS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def tfidf_view(spec: str, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The TF-IDF view's vectors (``--model tfidf``'s) and kNN graph of a dataset, once per dataset."""
    if spec not in _VIEWS:
        from engine.neighbours import build_graph

        vectors = tfidf_vectors(list(texts))
        _VIEWS.clear()  # one dataset's at a time
        _VIEWS[spec] = vectors, build_graph(vectors, k=10).indices
    return _VIEWS[spec]


def label_checked(issues) -> bool:
    """Whether the label check ran: it is skipped where the flips left a single class (two-class ``sink``)."""
    return {"is_label_issue", "label_score", "datalab_is_label_issue", "datalab_label_score"} <= set(issues.columns)


def indices_graph(neighbours: np.ndarray):
    """The CSR kNN graph of the (n, k) neighbour indices, engine/neighbours' own (unit distances: the label check
    reads only which rows)."""
    from engine.neighbours import NeighbourGraph

    return NeighbourGraph(np.asarray(neighbours), np.ones(neighbours.shape, dtype=np.float32), "bench").to_csr()


def run_cell(spec, kind, rate, seed, data, targets, neighbours, reuse: bool) -> dict | None:
    """One cell's row, or None where the label check could not run on its noisy labels."""
    from engine.audit import run_datalab

    labels = data[1]
    started = time.perf_counter()
    noisy, truth, ta_probs, plain_probs, present = cell_probs(spec, kind, rate, seed, data, targets, neighbours, reuse)
    # the audit's kNN graph, as the app passes it: the guards' path reads its neighbours' labels (engine/neighbour_labels)
    output = run_datalab(noisy, ta_probs, indices_graph(neighbours), issue_types=("label",))
    issues = output.issues
    if not label_checked(issues):
        return None
    diagnostics = (output.info.get("label") or {}).get("label_score_diagnostics") or {}
    if np.isnan(plain_probs).any():  # the plain workflow failed on this shape: its columns are blank
        plain_flags, plain_score = np.zeros(len(noisy), dtype=bool), np.full(len(noisy), np.nan)
    else:
        plain_flags, plain_score = datalab_label(noisy, plain_probs)
    row = {"dataset": spec, "kind": kind if rate else "none", "rate": rate, "seed": seed, "rows": len(noisy), "injected": int(truth.sum()),
           "accuracy": float((present[ta_probs.argmax(axis=1)] == labels).mean()),
           "estimate": (output.info.get("label") or {}).get("estimated_label_issues"),
           "method": (output.info.get("label") or {}).get("label_score_method"),
           **{key: diagnostics.get(key) for key in ("noise_model", "kappa", "structure_share", "structure_z")},
           "seconds": round(time.perf_counter() - started, 1)}
    for name, flags, score in (
        ("textaudit", issues["is_label_issue"].to_numpy(), issues["label_score"].to_numpy()),
        ("plain", plain_flags, plain_score),
        ("datalab", issues["datalab_is_label_issue"].to_numpy(), issues["datalab_label_score"].to_numpy()),
    ):
        row.update({f"{name}_{k}": v for k, v in metrics(flags, score, truth).items()})
    return row


def table(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows)
    keys = ["dataset", "kind", "rate"]
    letters = {"class pairs": "P", "uniform": "S", "class rates": "R", "untrusted": "F", "one-way": "O"}  # the legend
    scores = frame.groupby(keys, sort=False)["noise_model"].agg(lambda v: "".join(letters.get(m, "?") for m in v))
    summary = frame.groupby(keys, sort=False).mean(numeric_only=True).drop(columns=["seed", "seconds", "estimate"],
                                                                            errors="ignore")
    lines = ["| dataset | noise | rate | seeds | inj | acc | score | TA F1 | P | R | AP | AUROC | flagged | plain F1 | AP | flagged "
             "| DL F1 | AP | flagged |", "|" + "---|" * 19]
    seeds = frame.groupby(keys, sort=False)["seed"].nunique()
    for (spec, kind, rate), r in summary.iterrows():
        if rate == 0:  # no injected noise: only the flag counts mean anything
            lines.append(f"| {spec} | none | 0% | 1 | 0 | {r.accuracy:.2f} | {scores[(spec, kind, rate)]} | – | – | – | – | – | "
                         f"**{r.textaudit_flagged:.0f}** | – | – | {r.plain_flagged:.0f} | – | – | {r.datalab_flagged:.0f} |")
            continue
        lines.append(
            f"| {spec} | {kind} | {rate * 100:g}% | {seeds[(spec, kind, rate)]} | {r.injected:.0f} | {r.accuracy:.2f} | "
            f"{scores[(spec, kind, rate)]} | **{r.textaudit_f1:.3f}** | "
            f"{r.textaudit_p:.3f} | {r.textaudit_r:.3f} | **{r.textaudit_ap:.3f}** | {r.textaudit_auroc:.3f} | "
            f"{r.textaudit_flagged:.0f} | {r.plain_f1:.3f} | {r.plain_ap:.3f} | {r.plain_flagged:.0f} | "
            f"{r.datalab_f1:.3f} | {r.datalab_ap:.3f} | {r.datalab_flagged:.0f} |")
    return "\n".join(lines), summary


def goals(summary) -> dict[str, object]:
    """The issue-17 goals, checked cell by cell (means over seeds)."""
    best = summary[["plain_ap", "datalab_ap"]].max(axis=1)
    ap_short = summary[summary.textaudit_ap < best - 0.01]
    ratio = summary.textaudit_flagged / summary.injected.clip(lower=1)
    noisy = summary[summary.index.get_level_values("rate") >= 0.05]
    bad_ratio = ratio[noisy.index][(ratio[noisy.index] < 0.5) | (ratio[noisy.index] > 2)]
    noisy_cells = summary[summary.index.get_level_values("rate") > 0]
    f1_gain = (noisy_cells.textaudit_f1 - noisy_cells.plain_f1).groupby(level="dataset", sort=False).mean()
    clean = summary[summary.index.get_level_values("rate") == 0]
    return {
        "flagged_share_with_no_injected_noise": {
            i[0]: f"{r.textaudit_flagged:.0f} of {r.rows:.0f} ({r.textaudit_flagged / r.rows:.1%}; Datalab "
                  f"{r.datalab_flagged:.0f}, plain {r.plain_flagged:.0f})" for i, r in clean.iterrows()},
        "ap_cells_short": [f"{'/'.join(map(str, i))}: {r.textaudit_ap:.3f} vs {b:.3f}"
                           for (i, r), b in zip(ap_short.iterrows(), best[ap_short.index])],
        "flag_ratio_out_of_0.5-2x": {"/".join(map(str, i)): round(float(v), 2) for i, v in bad_ratio.items()},
        "mean_f1_gain_over_plain": {k: round(float(v), 4) for k, v in f1_gain.items()},
        # compared unrounded: ag_news+tfidf's +0.0498 printed as 0.05 at 3 places and read as met (ledger29)
        "f1_gain_short_of_0.05": [k for k, v in f1_gain.items() if v < 0.05],
    }


def dataset_inputs(spec: str) -> tuple[tuple, dict[str, np.ndarray], np.ndarray] | None:
    """A dataset's (texts, labels, features), its noise targets and its neighbour indices, the same for every cell;
    None, with one line on stderr, where this machine cannot build it (debian without apt's lists, manpages without
    man-db)."""
    from engine.neighbours import build_graph

    try:
        data = load_dataset(spec)
    except DatasetUnavailable as missing:  # one line, the other datasets run
        print(json.dumps({"skipped": spec, "why": str(missing)}), file=sys.stderr, flush=True)
        return None
    _, labels, features = data
    minilm = load_dataset(minilm_spec(spec))[2] if minilm_spec(spec) != spec else features
    targets = noise_targets(minilm, labels)  # the same noise whatever the embeddings
    targets["copy"] = copy_rows(spec, data[0])  # ``twin`` noise: rows repeating an earlier text (+near: a near copy)
    return data, targets, build_graph(features, k=10).indices  # labels play no part: built once


def main() -> None:
    if "--multilabel" in sys.argv[1:]:  # issue 16: multi-label banking77, bench/quality_multilabel.py
        from bench.quality_multilabel import main as multilabel_main

        return multilabel_main([arg for arg in sys.argv[1:] if arg != "--multilabel"])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=DEFAULT_DATASETS)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--rates", default="0.02,0.05,0.1")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--reuse-pred-probs", action="store_true",
                        help="keep each cell's out-of-fold probabilities in the bench cache (scorer work only)")
    parser.add_argument("--only-cached", action="store_true",
                        help="with --reuse-pred-probs: skip the cells whose pred_probs are not cached yet")
    parser.add_argument("--code-version", default=None,
                        help="with --reuse-pred-probs: the cache key of the pred_probs (default: a hash of "
                             "engine/predict.py + engine/neighbours.py); pin it across edits that keep them")
    parser.add_argument("--pred-probs-only", action="store_true",
                        help="with --reuse-pred-probs: only compute and cache the cells' pred_probs (no scoring)")
    parser.add_argument("--sanity", action="store_true",
                        help="the real labels with no injected noise and degenerate shapes (2 classes, 99:1, "
                             "60 rows, 50 classes with a tail of 1-9 rows); with --rates, those rates instead of 0")
    parser.add_argument("--list", action="store_true", help="print the default datasets and exit")
    args = parser.parse_args()
    if args.sanity:
        if args.datasets == DEFAULT_DATASETS:
            args.datasets = SANITY_DATASETS
        if args.rates == parser.get_default("rates"):
            args.rates = "0"
    global PINNED_CODE_VERSION
    PINNED_CODE_VERSION = args.code_version
    if args.list:
        print("\n".join(DEFAULT_DATASETS.split(",")))
        return
    warnings.simplefilter("ignore")
    rows = []
    for spec in args.datasets.split(","):
        if (inputs := dataset_inputs(spec)) is None:
            continue
        data, targets, neighbours = inputs
        labels = data[1]
        for kind in args.kinds.split(","):
            for rate in map(float, args.rates.split(",")):
                for seed in map(int, args.seeds.split(",")):
                    if rate == 0 and (kind, seed) != (args.kinds.split(",")[0], int(args.seeds.split(",")[0])):
                        continue  # no noise: one cell, whatever the kind and seed
                    if args.only_cached and not is_cached(spec, kind, rate, seed, len(labels)):
                        continue
                    if args.pred_probs_only:
                        started = time.perf_counter()
                        cell_probs(spec, kind, rate, seed, data, targets, neighbours, True)
                        print(json.dumps({"cached": [spec, kind, rate, seed],
                                          "seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr, flush=True)
                        continue
                    row = run_cell(spec, kind, rate, seed, data, targets, neighbours, args.reuse_pred_probs)
                    if row is None:
                        print(json.dumps({"skipped": [spec, kind, rate, seed], "why": "label check not run (one class left)"}),
                              file=sys.stderr, flush=True)
                        continue
                    rows.append(row)
                    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}),
                          file=sys.stderr, flush=True)
    if args.pred_probs_only:
        return
    text, summary = table(rows)
    print(text)
    result = goals(summary)
    print(json.dumps(result, indent=1))
    print(json.dumps({"bench": "quality", "goals": result, "cells": rows}))


if __name__ == "__main__":
    main()
