"""engine/bounds.py: Datalab's non-IID score in blocks equals cleanlab's; k-means groups above the DBSCAN bound."""

from __future__ import annotations

import numpy as np
import pytest

from engine.bounds import issue_kwargs, non_iid_scores


@pytest.mark.parametrize("n_rows,block_rows", [(101, 7), (100, 100), (5000, 999), (5000, 1)])
def test_blocked_non_iid_scores_equal_cleanlabs(n_rows, block_rows):
    from cleanlab.datalab.internal.issue_manager.noniid import NonIIDIssueManager

    rng = np.random.default_rng(n_rows)
    neighbours = rng.integers(0, n_rows, (n_rows, 10))
    neighbours[: n_rows // 3] = (np.arange(n_rows // 3)[:, None] + rng.integers(1, 5, (n_rows // 3, 10))) % n_rows
    distances = np.abs(np.arange(n_rows)[:, None] - neighbours)

    class Manager:  # the two attributes cleanlab's method reads
        N = n_rows
        neighbor_index_distances = distances

    expected = NonIIDIssueManager._score_dataset(Manager())
    np.testing.assert_array_equal(non_iid_scores(distances, n_rows, block_rows=block_rows), expected)


def test_underperforming_groups_become_kmeans_cells_above_the_bound():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((4, 16)).astype(np.float32)
    features = centres[np.arange(2000) % 4] + 0.05 * rng.standard_normal((2000, 16)).astype(np.float32)
    features /= np.linalg.norm(features, axis=1, keepdims=True)
    notes: list[str] = []
    assert issue_kwargs("underperforming_group", 2000, features, notes) == {}  # below the bound
    assert notes == []
    extra = issue_kwargs("underperforming_group", 2000, features, notes, dbscan_max_rows=1000)
    ids = extra["cluster_ids"]
    assert ids.shape == (2000,) and len(notes) == 1 and "k-means" in notes[0]
    for cell in np.unique(ids):  # 16 cells for 4 tight groups: no cell mixes two groups
        assert len(np.unique(np.flatnonzero(ids == cell) % 4)) == 1
    assert issue_kwargs("outlier", 10**9, features, notes, dbscan_max_rows=1000) == {}


def test_datalab_takes_the_kmeans_groups_above_the_bound(monkeypatch):
    import engine.bounds
    from engine.audit import run_datalab
    from engine.neighbours import build_graph

    rng = np.random.default_rng(1)
    labels = np.arange(600) % 3
    features = np.eye(3, 8, dtype=np.float32)[labels] + 0.3 * rng.standard_normal((600, 8)).astype(np.float32)
    features /= np.linalg.norm(features, axis=1, keepdims=True)
    pred_probs = np.full((600, 3), 0.1, dtype=np.float32)
    pred_probs[np.arange(600), labels] = 0.8
    graph = build_graph(features, k=10).to_csr()
    monkeypatch.setattr(engine.bounds, "DBSCAN_MAX_ROWS", 100)
    output = run_datalab(labels, pred_probs, graph, features=features,
                         issue_types=("underperforming_group", "non_iid"))
    assert any("k-means cells" in note for note in output.notes)
    assert "underperforming_group_score" in output.issues
    assert output.issues["underperforming_group_score"].notna().all()
    assert output.issues["non_iid_score"].between(0, 1).all()
