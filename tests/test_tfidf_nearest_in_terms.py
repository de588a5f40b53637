"""--model tfidf judges near-duplicates on the texts' TF-IDF terms (engine/tfidf_confirm.py), but the issues table's
``distance_to_nearest_neighbor`` and the TUI's near-duplicate pane read the SVD's graph: 0.000 beside a templated row
the check had cleared (tfidfdup40). The distance, the nearest row, the score and the flag are now one measure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from synthetic import templated_frame

from engine.pipeline import AuditOptions, run_audit
from engine.result import issue_table
from engine.review import flags_at, implied_threshold
from engine.tfidf_confirm import pair_distances, tfidf_rows

TEMPLATES = ("{} - nonlocking stdio functions", "{} - convert a wide character string to a multibyte string",
             "{} library - development files for the toolkit")


def _frame() -> pd.DataFrame:
    """260 random texts, 90 templated texts each with its own name (3 templates x 30), then exact copies of the
    first 10 texts."""
    return templated_frame(TEMPLATES, seed=1)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    frame = _frame()
    result = run_audit(frame, AuditOptions(model="tfidf", issue_types=("near_duplicate",), second_view="none",
                                           cache_root=str(tmp_path_factory.mktemp("cache"))))
    return frame, result


def test_table_distance_is_the_terms(audited) -> None:
    frame, result = audited
    table = issue_table(result)
    info = result.output.info["near_duplicate"]
    cut = float(info["terms_cut"])
    flagged = table["is_near_duplicate_issue"].to_numpy(dtype=bool)
    distance = table["distance_to_nearest_neighbor"].to_numpy(dtype=np.float64)
    templated = slice(260, 350)
    assert not flagged[templated].any()
    # the old table: the SVD's distance, ~0.000 for the templated rows the check had cleared
    assert (distance[templated] >= cut).all(), f"{int((distance[templated] < cut).sum())} templated rows under the cut"
    assert (distance[flagged] < cut).all() and (distance[~flagged] >= cut).all()  # the flags follow the distance
    assert np.allclose(distance[:10], 0.0) and np.allclose(distance[350:], 0.0)  # the exact copies
    nearest = table["nearest_neighbor"].to_numpy(dtype=np.int64)
    assert (nearest >= 0).all() and (nearest[:10] == np.arange(350, 360)).all()
    rows = tfidf_rows(frame["text"].tolist())
    assert np.allclose(pair_distances(rows, np.arange(len(frame)), nearest), distance, atol=1e-12)
    assert float(info["median_distance_to_nearest_neighbor"]) == pytest.approx(float(np.median(distance)))
    score = table["near_duplicate_score"].to_numpy(dtype=np.float64)
    assert np.array_equal(flags_at(score, implied_threshold(score, flagged)), flagged)  # the TUI's re-flag
    median = float(info["median_distance_to_nearest_neighbor"])  # Datalab's score, of the same distance
    assert np.allclose(score, np.where(np.isclose(distance, 0), 0.0, 1 - np.exp(-distance / median)), atol=1e-12)
    moved = issue_table(result, rows=np.arange(len(frame)) + 7)  # audit --apply-journal: the file's rows
    assert (moved["nearest_neighbor"].to_numpy() == nearest + 7).all()


def test_pane_says_the_terms(audited) -> None:
    from tui.view import AuditView
    from tui.widgets.detail_pane import why_flagged

    _, result = audited
    view = AuditView.from_result(result)
    typical = f"typical {float(result.output.info['near_duplicate']['terms_median_nn_distance']):.3f}"
    templated = why_flagged(view, 300, "near_duplicate")
    assert "on the texts' terms" in templated and typical in templated and templated.endswith("not flagged.")
    said = float(templated.split("(distance ", 1)[1].split(",", 1)[0])
    assert said >= float(result.output.info["near_duplicate"]["terms_cut"])  # the old pane: 0.000
    assert why_flagged(view, 3, "near_duplicate") == (f"Nearly the same as row 353 on the texts' terms (distance 0.000, "
                                                      f"{typical}); flagged.")
