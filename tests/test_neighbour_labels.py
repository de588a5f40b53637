"""The guards' path's count cut where the neighbours' labels back a rare class's flagged rows
(engine/neighbour_labels.py).

A 99:1 set whose classifier barely predicts the rare class (out-of-fold p(rare) 0.01-0.1 on its own rows, as on
rare40's clean ag_news 1,980:20): the flip model counts its least sure clean rows as flips (8 flagged, none wrong).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from engine.label_posterior import score_labels

N_ROWS, RARE = 2000, 20


def rare_set() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    labels = np.zeros(N_ROWS, dtype=np.int64)
    labels[:RARE] = 1
    p_rare = np.where(labels == 1, rng.beta(1.5, 30, N_ROWS), rng.beta(0.7, 90, N_ROWS))
    return labels, np.column_stack([1 - p_rare, p_rare])


def graph(backed: bool) -> np.ndarray:
    """10 neighbours a row; with ``backed`` each rare row has 2 rare neighbours (its class clusters, loosely), else
    the rare-labelled rows sit among the other class's rows as random flips would."""
    rng = np.random.default_rng(2)
    rest = np.arange(RARE, N_ROWS)
    neighbours = np.stack([rng.choice(np.delete(rest, np.flatnonzero(rest == row)), 10, replace=False)
                           for row in range(N_ROWS)])
    if backed:
        for row in range(RARE):
            neighbours[row, :2] = [(row + 1) % RARE, (row + 2) % RARE]
    return neighbours


def test_clean_rare_rows_their_neighbours_back_count_less() -> None:
    labels, probs = rare_set()
    before = score_labels(labels, probs)
    assert before.diagnostics["noise_model"] == "untrusted" and before.flags.sum() == 8
    after = score_labels(labels, probs, None, graph(backed=True), 0)
    assert after.diagnostics["neighbour_label_auc"]["1"] >= 0.8
    assert after.flags.sum() == after.estimated_issues == 3  # 8 x 2 (1 - (AUC - 2 sd)), AUC 1, sd 0.10
    assert np.array_equal(after.score, before.score)  # the score never moves
    assert np.array_equal(np.flatnonzero(after.flags), np.sort(np.argsort(before.score, kind="stable")[:3]))


def test_never_below_datalabs_own_count() -> None:
    labels, probs = rare_set()
    assert score_labels(labels, probs, None, graph(backed=True), 7).flags.sum() == 7
    assert score_labels(labels, probs, None, graph(backed=True), 12).flags.sum() == 8  # never raised


def test_rows_among_the_other_class_keep_the_count() -> None:
    labels, probs = rare_set()
    before = score_labels(labels, probs)
    after = score_labels(labels, probs, None, graph(backed=False), 0)
    assert after.diagnostics["neighbour_label_auc"]["1"] < 0.8
    assert np.array_equal(after.flags, before.flags) and after.estimated_issues == before.estimated_issues


def test_an_audit_passes_its_graph_and_datalabs_count() -> None:
    from engine.audit import run_datalab

    labels, probs = rare_set()
    neighbours = graph(backed=True)
    knn = csr_matrix((np.ones(neighbours.size), neighbours.ravel(), np.arange(0, neighbours.size + 1, 10)),
                     shape=(N_ROWS, N_ROWS))
    without = run_datalab(labels, probs, None, issue_types=("label",)).issues
    issues = run_datalab(labels, probs, knn, issue_types=("label",)).issues
    own = int(issues["datalab_is_label_issue"].sum())
    assert without["is_label_issue"].sum() == 8
    assert issues["is_label_issue"].sum() == max(3, own) < 8


def test_two_hop_labels_are_the_distinct_other_rows_within_two_hops() -> None:
    from engine.neighbour_labels import two_hop_labels

    rng = np.random.default_rng(3)
    neighbours = rng.integers(-1, 40, (40, 4))  # -1: no neighbour there; repeats and the row itself too
    labels = rng.integers(0, 3, 40)
    rows = np.arange(40)
    got = two_hop_labels(labels, neighbours, rows)
    for row in rows:
        first = {int(j) for j in neighbours[row] if j >= 0}
        within = (first | {int(j) for i in first for j in neighbours[i] if j >= 0}) - {int(row)}
        assert sorted(got[row][got[row] >= 0]) == sorted(int(labels[j]) for j in within)


def test_a_sample_of_the_rows_on_large_sets(monkeypatch) -> None:
    import engine.neighbour_labels as neighbour_labels

    monkeypatch.setattr(neighbour_labels, "MAX_REFERENCE_ROWS", 300)
    labels, probs = rare_set()
    after = score_labels(labels, probs, None, graph(backed=True), 0)
    assert after.diagnostics["neighbour_label_auc"]["1"] >= 0.8 and after.flags.sum() == 3
