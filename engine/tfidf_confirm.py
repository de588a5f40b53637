"""``--model tfidf``: a near-duplicate pair is one on the texts' own TF-IDF terms, not only on the SVD's 256 dimensions.

The SVD (engine/tfidf.py) keeps the directions most texts share and drops the rare terms that tell templated
texts apart: 'fputws_unlocked - nonlocking stdio functions' and 'getc_unlocked - nonlocking stdio functions' at
cosine distance 0.000 (sanity40: manpages, 3,000 rows, 40% of them at distance <= 0.001 from their nearest row,
1,307 flagged (43.6%); MiniLM 228). Datalab's cut, a fraction (``threshold``, 0.13) of the median nearest
distance, is moot there. Each pair Datalab's sets hold on the SVD vectors is confirmed here under the same rule on
the L2-normalised sparse TF-IDF rows: kept where their cosine distance is under ``threshold`` times the median,
over the rows, of each row's distance to the nearest of its graph neighbours on those rows (an upper bound of its
nearest distance there: the neighbours are the SVD's). Rows of the same terms (exact copies) stay at 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Pairs whose distance is computed per block of this many (the two rows' product, then its row sums)
PAIRS_PER_BLOCK = 200_000
#: A distance at or under this is two rows of the same terms (float64 rounding of 1 - |x|^2)
SAME_TERMS = 1e-9
#: cleanlab's floor of the median (its EPSILON): a cut of 0 flags nothing
MEDIAN_FLOOR = 1e-6


def tfidf_rows(texts: Sequence[str]) -> Any | None:
    """The L2-normalised sparse TF-IDF rows of ``texts``, as ``--model tfidf`` builds them before its SVD
    (1-2 grams, every one, sublinear tf); None where no text has a word."""
    from engine.tfidf import term_matrix

    try:
        return term_matrix(texts).tocsr()
    except ValueError:  # "empty vocabulary": --model tfidf has stopped before this
        return None


def tfidf_terms(texts: Sequence[str], options: Any, vector_key: str) -> Any | None:
    """:func:`tfidf_rows` where an audit with ``options`` reads ``--model tfidf``'s own vectors and checks
    near-duplicates (not ``--features``, nor the TF-IDF view's capped vocabulary); else None."""
    from engine.embed_model import TFIDF_MODEL, resolve_model_name

    if ("near_duplicate" not in options.issue_types or options.tfidf_max_terms is not None
            or resolve_model_name(options.model) != TFIDF_MODEL or str(vector_key).startswith("features:")):
        return None
    return tfidf_rows(texts)


def pair_distances(rows: Any, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Cosine distance of each pair (``first[i]``, ``second[i]``) of L2-normalised sparse ``rows`` (1 where a row is zero)."""
    out = np.empty(len(first), dtype=np.float64)
    for start in range(0, len(first), PAIRS_PER_BLOCK):
        a, b = first[start:start + PAIRS_PER_BLOCK], second[start:start + PAIRS_PER_BLOCK]
        dots = np.asarray(rows[a].multiply(rows[b]).sum(axis=1), dtype=np.float64).ravel()
        out[start:start + len(a)] = 1.0 - dots
    return np.clip(out, 0.0, 2.0)


@dataclass
class Confirmed:
    """The sets after the check on the TF-IDF rows, and what it measured."""

    sets: list[np.ndarray]  # each row's set, only members near in its terms
    nearest: np.ndarray  # per row, the distance on the TF-IDF rows to its nearest original set member (inf: none)
    median: float  # the median nearest distance on the TF-IDF rows (over the graph's neighbours)
    cut: float  # threshold x median: a pair is kept under it


def confirm_sets(sets: Sequence[np.ndarray], neighbours: np.ndarray, rows: Any, threshold: float) -> Confirmed:
    """Datalab's near-duplicate ``sets`` kept only where a pair's cosine distance on the sparse TF-IDF ``rows`` is
    under ``threshold`` x the median nearest distance there (each row's nearest among its ``neighbours``,
    an (n, k) index array, -1 or itself ignored), or where the two rows have the same terms."""
    n = rows.shape[0]
    cols = np.asarray(neighbours, dtype=np.int64).reshape(n, -1)
    own = np.repeat(np.arange(n, dtype=np.int64), cols.shape[1])
    flat = cols.ravel()
    valid = (flat >= 0) & (flat != own)
    graph_d = np.full(flat.shape, np.inf)
    graph_d[valid] = pair_distances(rows, own[valid], flat[valid])
    median = max(float(np.median(graph_d.reshape(n, -1).min(axis=1))), MEDIAN_FLOOR)
    cut = float(threshold) * median
    lengths = np.fromiter((len(found) for found in sets), dtype=np.int64, count=len(sets))
    first = np.repeat(np.arange(len(sets), dtype=np.int64), lengths)
    second = (np.concatenate([np.asarray(found, dtype=np.int64) for found in sets])
              if lengths.sum() else np.zeros(0, dtype=np.int64))
    distances = pair_distances(rows, first, second) if len(first) else np.zeros(0)
    keep = (distances < cut) | (distances <= SAME_TERMS)
    nearest = np.full(len(sets), np.inf)
    np.minimum.at(nearest, first, distances)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    kept = [np.asarray(found)[keep[offsets[row]:offsets[row + 1]]] for row, found in enumerate(sets)]
    return Confirmed(sets=kept, nearest=nearest, median=median, cut=cut)


def confirm_in_terms(manager: Any, run: Any, knn_graph: Any | None) -> None:
    """After Datalab's near-duplicate check on ``--model tfidf`` vectors (``manager``, textaudit's near-duplicate
    manager; ``run.terms`` the sparse TF-IDF rows): its sets and flags kept only for pairs near in their terms
    (:func:`confirm_sets`). A row left in no set is unflagged, its score raised past the cut's (the TUI re-flags
    from scores) to its distance in terms on Datalab's scale (1 - exp(-d / median)); a note says how many."""
    sets = manager.info.get("near_duplicate_sets")
    if sets is None or run.terms is None or run.terms.shape[0] != len(manager.issues):
        return
    graph = knn_graph
    if graph is None:
        statistics = manager.info.get("statistics") or {}
        graph = statistics.get("weighted_knn_graph")
    if graph is None:
        graph = manager.datalab.get_info("statistics").get("weighted_knn_graph")
    if graph is None:
        return
    n = len(manager.issues)
    threshold = float(manager.threshold)
    found = confirm_sets(list(sets), np.asarray(graph.indices).reshape(n, -1), run.terms, threshold)
    flag, score = f"is_{manager.issue_name}_issue", manager.issue_score_key
    flagged = manager.issues[flag].to_numpy(dtype=bool)
    in_set = np.fromiter((len(members) > 0 for members in found.sets), dtype=bool, count=n)
    dropped = flagged & ~in_set
    issues = manager.issues.copy()
    if dropped.any():
        cut_score = float(1 - np.exp(-threshold))  # Datalab's score at its cut
        column = issues[score].to_numpy(dtype=np.float64, copy=True)
        in_terms = 1 - np.exp(-np.minimum(found.nearest[dropped], 50 * found.median) / found.median)
        column[dropped] = np.maximum(np.maximum(column[dropped], in_terms), np.nextafter(cut_score, 1.0))
        issues[score] = column
        issues.loc[dropped, flag] = False
        manager.issues = issues
        manager.summary = manager.make_summary(score=float(column.mean()))
        count = int(dropped.sum())
        run.notes.append(
            f"near_duplicate: {count:,} {'row' if count == 1 else 'rows'} close on the TF-IDF vectors (after their SVD) "
            f"{'is' if count == 1 else 'are'} not flagged: on the texts' own terms (the TF-IDF rows before the SVD) "
            f"no row of {'its' if count == 1 else 'their'} set is within the cut, {found.cut:.3f} ({threshold:g} x "
            f"the median nearest distance there, {found.median:.3f})")
    manager.info = {**manager.info, "near_duplicate_sets": found.sets, "terms_median_nn_distance": found.median,
                    "terms_cut": found.cut, "terms_unconfirmed_rows": int(dropped.sum())}
