"""``--model tfidf``: near-duplicates are judged on the texts' own TF-IDF terms, not on the SVD's 256 dimensions.

The SVD (engine/tfidf.py) keeps the directions most texts share and drops the rare terms that tell templated
texts apart: 'fputws_unlocked - nonlocking stdio functions' and 'getc_unlocked - nonlocking stdio functions' at
cosine distance 0.000 (sanity40: manpages, 3,000 rows, 40% of them at distance <= 0.001 from their nearest row,
1,307 flagged (43.6%); MiniLM 228). Datalab's cut, a fraction (``threshold``, 0.13) of the median nearest
distance, is moot there. Its rule is applied here on the L2-normalised sparse TF-IDF rows instead, over the pairs
the SVD's kNN graph holds (each row's neighbours, both ways) and Datalab's own sets: a row's nearest distance is the
least cosine distance of its pairs there (an upper bound of its nearest distance in terms: the neighbours are the
SVD's); a pair is a near-duplicate under ``threshold`` x the median of those, or where the two rows have the same
terms (exact copies, whatever the median). The row's score, its ``distance_to_nearest_neighbor`` and its nearest
row are the same distances (tfidf41: the table showed the SVD's 0.000 beside a row the terms had cleared).
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
#: A row with no pair (no neighbour in the graph): the farthest cosine distance, as the graph writes a missing hit
NO_PAIR = 2.0


def tfidf_rows(texts: Sequence[str]) -> Any | None:
    """The L2-normalised sparse TF-IDF rows of ``texts``, as ``--model tfidf`` builds them before its SVD
    (the texts as it reads them, engine/embed.readable_texts; 1-2 grams, every one, sublinear tf); None where no
    text has a word."""
    from engine.embed import readable_texts
    from engine.embed_model import TFIDF_MODEL
    from engine.tfidf import term_matrix

    try:
        return term_matrix(readable_texts(texts, TFIDF_MODEL)).tocsr()
    except ValueError:  # "empty vocabulary": --model tfidf has stopped before this
        return None


def wants_terms(options: Any, vector_key: str = "") -> bool:
    """Whether an audit with ``options`` reads ``--model tfidf``'s own vectors and checks near-duplicates or outliers
    (not ``--features``, nor the TF-IDF view's capped vocabulary): those checks then read the TF-IDF rows (the
    outliers' k nearest rows: engine/terms_neighbours.py)."""
    from engine.embed_model import TFIDF_MODEL, resolve_model_name

    return (bool({"near_duplicate", "outlier"} & set(options.issue_types)) and options.tfidf_max_terms is None
            and resolve_model_name(options.model) == TFIDF_MODEL and not str(vector_key).startswith("features:"))


def tfidf_terms(texts: Sequence[str], options: Any, vector_key: str, kept: Any | None = None) -> Any | None:
    """:func:`tfidf_rows` where :func:`wants_terms`, else None: ``kept``, the rows this audit's embed stage built
    (engine/tfidf.tfidf_vectors, ``keep_terms``), where it built them, so the texts are read once."""
    if not wants_terms(options, vector_key):
        return None
    if kept is not None and kept.shape[0] == len(texts):
        return kept.tocsr()
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
    """The near-duplicate check on the TF-IDF rows: its sets, and what it measured."""

    sets: list[np.ndarray]  # each row's set: the rows of its pairs under the cut (or of the same terms)
    nearest: np.ndarray  # per row, the least distance of its pairs on the TF-IDF rows (NO_PAIR: none)
    nearest_row: np.ndarray  # the row at that distance (-1: none)
    median: float  # the median of ``nearest`` over the rows with a text
    cut: float  # threshold x median: a pair is kept under it


def candidate_pairs(sets: Sequence[np.ndarray], neighbours: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (lower row, higher row), each once, of the kNN graph's ``neighbours`` ((n, k) indices; -1 or the
    row itself ignored) and of Datalab's ``sets``."""
    cols = np.asarray(neighbours, dtype=np.int64).reshape(n, -1)
    lengths = np.fromiter((len(found) for found in sets), dtype=np.int64, count=len(sets))
    members = (np.concatenate([np.asarray(found, dtype=np.int64) for found in sets])
               if lengths.sum() else np.zeros(0, dtype=np.int64))
    first = np.concatenate([np.repeat(np.arange(n, dtype=np.int64), cols.shape[1]),
                            np.repeat(np.arange(len(sets), dtype=np.int64), lengths)])
    second = np.concatenate([cols.ravel(), members])
    valid = (second >= 0) & (second < n) & (second != first)
    low, high = np.minimum(first, second)[valid], np.maximum(first, second)[valid]
    unique = np.unique(low * n + high)
    return unique // n, unique % n


def confirm_sets(sets: Sequence[np.ndarray], neighbours: np.ndarray, rows: Any, threshold: float,
                 empty: np.ndarray | None = None) -> Confirmed:
    """Datalab's near-duplicate rule on the sparse TF-IDF ``rows``, over the pairs of the kNN graph's ``neighbours``
    (an (n, k) index array) and Datalab's ``sets`` (:func:`candidate_pairs`): a pair is kept where its cosine
    distance is under ``threshold`` x the median nearest distance, or where the two rows have the same terms.
    Rows with no text (``empty``) are in no pair and out of the median."""
    n = rows.shape[0]
    first, second = candidate_pairs(sets, neighbours, n)
    if empty is not None and len(empty) == n and empty.any():
        keep = ~(empty[first] | empty[second])
        first, second = first[keep], second[keep]
    distances = pair_distances(rows, first, second) if len(first) else np.zeros(0)
    ends = np.concatenate([first, second])
    others = np.concatenate([second, first])
    both = np.concatenate([distances, distances])
    order = np.lexsort((others, both, ends))  # per row, its pairs by distance (ties: the lower row first)
    ends, others, both = ends[order], others[order], both[order]
    starts = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]]) if len(ends) else np.zeros(0, dtype=np.int64)
    nearest = np.full(n, NO_PAIR)
    nearest_row = np.full(n, -1, dtype=np.int64)
    nearest[ends[starts]] = both[starts]
    nearest_row[ends[starts]] = others[starts]
    texts = ~empty if empty is not None and len(empty) == n else np.ones(n, dtype=bool)
    median = max(float(np.median(nearest[texts])) if texts.any() else 0.0, MEDIAN_FLOOR)
    cut = float(threshold) * median
    near = (both < cut) | (both <= SAME_TERMS)
    bounds = np.searchsorted(ends[near], np.arange(n + 1))
    members = others[near]
    kept = [members[bounds[row]:bounds[row + 1]] for row in range(n)]  # nearest first
    return Confirmed(sets=kept, nearest=nearest, nearest_row=nearest_row, median=median, cut=cut)


def confirm_in_terms(manager: Any, run: Any, knn_graph: Any | None) -> None:
    """After Datalab's near-duplicate check on ``--model tfidf`` vectors (``manager``, textaudit's near-duplicate
    manager; ``run.terms`` the sparse TF-IDF rows): its sets, flags, scores (1 - exp(-d / median), Datalab's) and
    nearest distances and rows are those of :func:`confirm_sets`; a note says how many rows the SVD alone flagged."""
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
    empty = run.null_mask if run.null_mask is not None and len(run.null_mask) == n else None
    empty = None if empty is None else np.asarray(empty, dtype=bool)
    threshold = float(manager.threshold)
    found = confirm_sets(list(sets), np.asarray(graph.indices).reshape(n, -1), run.terms, threshold, empty)
    flag, score = f"is_{manager.issue_name}_issue", manager.issue_score_key
    before = manager.issues[flag].to_numpy(dtype=bool)
    flagged = np.fromiter((len(members) > 0 for members in found.sets), dtype=bool, count=n)
    cut_score = float(1 - np.exp(-threshold))  # Datalab's score at its cut
    column = 1 - np.exp(-np.minimum(found.nearest, 50 * found.median) / found.median)
    column[np.isclose(found.nearest, 0)] = 0.0  # as Datalab's scores
    # the flags are the lowest scores (the TUI re-flags from them), whatever the rounding at the cut
    column[flagged] = np.minimum(column[flagged], cut_score)
    column[~flagged] = np.maximum(column[~flagged], np.nextafter(cut_score, 1.0))
    if empty is not None:
        column[empty] = 1.0  # as _NoTextNoFlag: nothing found
    issues = manager.issues.copy()
    issues[flag] = flagged
    issues[score] = column
    manager.issues = issues
    manager.summary = manager.make_summary(score=float(column.mean()))
    dropped, added = int((before & ~flagged).sum()), int((flagged & ~before).sum())
    if dropped or added:
        said = (f"{dropped:,} {'row' if dropped == 1 else 'rows'} close on the TF-IDF vectors (after their SVD) "
                f"{'is' if dropped == 1 else 'are'} not flagged: on the texts' own terms (the TF-IDF rows before the "
                "SVD) no row is within the cut" if dropped else "judged on the texts' own terms (the TF-IDF rows "
                "before the SVD)")
        more = (f"; {added:,} {'row' if added == 1 else 'rows'} within it there "
                f"{'is' if added == 1 else 'are'} flagged, though not on the SVD's vectors" if added else "")
        run.notes.append(f"near_duplicate: {said}, {found.cut:.3f} ({threshold:g} x the median nearest distance "
                         f"there, {found.median:.3f}){more}")
    manager.info = {**manager.info, "near_duplicate_sets": found.sets,
                    "distance_to_nearest_neighbor": found.nearest.tolist(),
                    "nearest_neighbor": found.nearest_row.tolist(),
                    "median_distance_to_nearest_neighbor": found.median,
                    "svd_median_nn_distance": float(manager.info.get("median_distance_to_nearest_neighbor", np.nan)),
                    "terms_median_nn_distance": found.median, "terms_cut": found.cut,
                    "terms_unconfirmed_rows": dropped, "terms_added_rows": added}
