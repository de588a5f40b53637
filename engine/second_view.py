"""A second feature view of the same texts (TF-IDF) pooled with the main one's pred_probs.

Both arrays are out-of-fold (the same classifier, folds and seed on each view's vectors), so the
pool is stacking with one parameter: ``p ~ p_main^(1-w) * p_second^w``, ``w`` the grid point with
the lowest mean log-loss of the given labels. The views err on different rows (MiniLM on texts
whose wording it blurs, TF-IDF on paraphrases), so a flip one view misses the other often ranks;
the fitted weight keeps a weak view from dragging the pool (bench/README.md, engine37: AP up on
all 81 measured runs, fitted weights 0.15-0.4)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from engine.predict import PROB_FLOOR, _pooled_exp, best_pool_weight

#: the views ``--second-view`` offers; "auto" (the default): "tfidf" up to ``AUTO_MAX_ROWS`` rows, "none" above;
#: "none": the main view's pred_probs alone
SECOND_VIEWS = ("auto", "tfidf", "none")
#: "auto" pools the TF-IDF view up to these rows (200,000 before scale39): the capped view (``VIEW_MAX_TERMS``) at
#: 300k rows peaks +1.95 GB (news texts) / +2.09 GB (banking77, 77 classes: its predict) above what the audit holds,
#: under the 2.3 GB the old limit stood for, and adds ~6% / ~17% of a default audit's CPU time (bench/README.md,
#: scale39; its SVD's dense (max(rows, terms), 266) blocks grow with the rows: ~6-7 GB extrapolated to 1M; 400k
#: not measured); measured for quality at 3k-10k rows (engine37)
AUTO_MAX_ROWS = 300_000
#: the view's vectorizer keeps the 131,072 most frequent 1-2 grams (below that, every one: the same vectors);
#: ``--model tfidf`` keeps every one. Judged by view38's rule written before computing (bench/README.md): the view
#: passed on 24 noisy runs + 4 clean files (only ag_news' 146,503 terms are over it; pooled AP +0.0080 summed,
#: clean flags 149 -> 150), --model tfidf alone did not (ag_news clean flags 273 -> 282); ag_news-like texts at 100k
#: rows: peak 3.97 GB uncapped (before ef4478f's SVD trim), 1.37 GB capped (after it)
VIEW_MAX_TERMS = 2**17
#: part of the cache keys of the pooled pred_probs: bump when the pool or its weight fit changes
POOL_VERSION = 1
#: said where no text has a word TF-IDF reads: the model's pred_probs are used alone
NO_WORDS_NOTE = ("TF-IDF view left out: no text has a word of two letters or more (emoji, single characters); "
                 "the label check reads the model's pred_probs alone")


def _logs(p_a: np.ndarray, p_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The floored logs of both views' probabilities (float64)."""
    return (np.log(np.maximum(np.asarray(p_a, dtype=np.float64), PROB_FLOOR)),
            np.log(np.maximum(np.asarray(p_b, dtype=np.float64), PROB_FLOOR)))


def fit_view_weight(p_a: np.ndarray, p_b: np.ndarray, labels: np.ndarray) -> float:
    """The second view's weight in ``pool_views`` (0, 0.05, ..., 1) with the lowest mean log-loss
    of ``labels`` over all rows; ties go to the smaller weight (the main view)."""
    return best_pool_weight(*_logs(p_a, p_b), np.asarray(labels, dtype=np.int64))


def pool_views(p_a: np.ndarray, p_b: np.ndarray, w: float) -> np.ndarray:
    """``p_a^(1-w) * p_b^w`` per row, renormalised, floored as the classifier's own (float32).
    ``w`` 0 gives ``p_a`` (floored), 1 gives ``p_b``."""
    probs, total = _pooled_exp(*_logs(p_a, p_b), float(w))
    probs = np.maximum(probs / total, PROB_FLOOR)
    probs /= probs.sum(axis=1, keepdims=True)
    return probs.astype(np.float32)


def view_line(model_label: str, weight: float) -> str:
    """What the summary and reports say the pred_probs came from."""
    return f"{model_label} + TF-IDF view (weight {weight:.2f})"


def predict_views(runner: Any, dataset: Any, vectors: Any, vector_key: str,
                   graph: Any) -> tuple[np.ndarray, str]:
    """The predict stage: the model's out-of-fold pred_probs, pooled with the TF-IDF view's by default."""
    pred_probs, pred_key = runner.predict(dataset, vectors, vector_key, graph)
    if uses_second_view(runner.options, runner, len(dataset)):
        return second_view_pool(runner, dataset, pred_probs, pred_key)
    if runner.options.second_view == "auto" and uses_second_view(runner.options, runner, AUTO_MAX_ROWS):
        runner.notes.append(large_note(len(dataset)))
    return pred_probs, pred_key


def large_note(rows: int) -> str:
    """Said where ``auto`` leaves the TF-IDF view out for the data's size."""
    return (f"TF-IDF view left out: {rows:,} rows, over the {AUTO_MAX_ROWS:,} that --second-view auto pools "
            "(its memory grows with the rows); --second-view tfidf pools it anyway")


def uses_second_view(options: Any, runner: Any, rows: int) -> bool:
    """Whether the predict stage pools a TF-IDF view in: "tfidf", or "auto" (the default) up to
    ``AUTO_MAX_ROWS`` rows; not where the model IS TF-IDF, nor with --pred-probs / --features (not the
    pipeline's views) or fewer than 3 rows (no graph)."""
    from engine.embed_model import TFIDF_MODEL, resolve_model_name

    wanted = options.second_view == "tfidf" or (options.second_view == "auto" and rows <= AUTO_MAX_ROWS)
    return (wanted and resolve_model_name(options.model) != TFIDF_MODEL
            and runner.user_pred_probs is None and runner.features is None and rows >= 3)


def second_view_pool(runner: Any, dataset: Any, pred_probs: np.ndarray,
                     pred_key: str) -> tuple[np.ndarray, str]:
    """The main view's pred_probs pooled with the TF-IDF view's (engine/second_view.py): that view's
    vectors, kNN graph and out-of-fold pred_probs are stages of their own, each cached under its own
    key (the same classifier, folds and seed); its progress is reported as the predict stage's
    ('TF-IDF view: ...'). The pooled pred_probs' key covers both views' keys and the pool's version."""
    from engine.audit import LABEL_VERSION
    from engine.cache import make_key
    from engine.embed_model import TFIDF_MODEL
    from engine.pipeline import AuditOptions
    from engine.tfidf import NoWords

    options = runner.options
    saved = (runner.options, runner.hits, runner.folds, runner.warm, runner.graph_from, runner.progress)
    notes = len(runner.notes)
    outer = runner.progress

    def relay(update: Any) -> None:  # every sub-stage shown as the predict stage's step
        if outer is not None and not update.notice:
            outer(replace(update, stage="predict", message=f"TF-IDF view: {update.stage} {update.message}".strip()))

    runner.options = replace(options, model=TFIDF_MODEL, device=AuditOptions.device, precision=AuditOptions.precision,
                             tfidf_max_terms=VIEW_MAX_TERMS)  # its own embed entry, apart from --model tfidf's
    runner.hits, runner.warm, runner.graph_from = {}, None, None  # the main view's folds and graph: not this view's
    runner.progress = relay if outer is not None else None
    try:
        vectors, vector_key = runner.embed(dataset, True)
        graph, _ = runner.neighbours(vectors, vector_key)
        view_probs, view_key = runner.predict(dataset, vectors, vector_key, graph)
        hits = runner.hits
    except NoWords:  # emoji, single letters: the model's audit stands alone (it stopped with '--model tfidf ...')
        del runner.notes[notes:]
        runner.notes.append(NO_WORDS_NOTE)
        return pred_probs, pred_key
    finally:
        runner.options, runner.hits, runner.folds, runner.warm, runner.graph_from, runner.progress = saved
    # each view's notes once (a class too small to learn is said by both)
    added = runner.notes[notes:]
    del runner.notes[notes:]
    runner.notes.extend(dict.fromkeys(note for note in added if note not in runner.notes[:notes]))
    runner.hits["predict"] = runner.hits.get("predict", False) and all(hits.values())
    weight = fit_view_weight(pred_probs, view_probs, dataset.labels)
    runner.view_weight = weight
    key = make_key({"main": pred_key, "view": view_key, "pool_v": POOL_VERSION, "label_v": LABEL_VERSION})
    return pool_views(pred_probs, view_probs, weight), key
