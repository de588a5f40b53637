"""Labels that run together in part of the file say NOT random, and where (probe27).

banking77 test shuffled, then its last 15% sorted by label: Datalab's non-IID p-value on the
texts' neighbours was 0.45 with one shuffle (0.0, z 7.14 with another), and the report read
'consistent with i.i.d.' (or 'likely not ... about 1 random order in 26'). The labels' own runs
test gave z 61: the reports, the JSON and the summary now say NOT random and name rows 2,618-3,079;
a file in random order stays random. Datalab's p-value is still shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.label_order import LabelOrder, label_order
from engine.pipeline import AuditOptions, run_audit
from engine.report_render import report_markdown, report_text, summary_json
from engine.result import summary_view
from tui.screens.non_iid import p_value_line
from tui.screens.summary import non_iid_verdict

N_ROWS, N_CLASSES, TAIL = 3080, 77, 2618  # banking77 test's size; its last 15% from row 2,618


def shuffled_labels(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).permutation(np.arange(N_ROWS) % N_CLASSES)


def tail_sorted(labels: np.ndarray, first: int = TAIL) -> np.ndarray:
    labels = labels.copy()
    labels[first:] = np.sort(labels[first:])
    return labels


def report_view(p_value: float, order: LabelOrder) -> dict:
    return {"source": "d.csv", "n_rows": N_ROWS, "n_classes": N_CLASSES, "issue_counts": {"non_iid": 0},
            "non_iid_p_value": p_value, "non_iid_z": 0.1, "label_order": order.to_dict(), "label_estimate": None,
            "notes": [], "report": "", "label_names": None}


def test_the_sorted_tail_is_found_where_it_is():
    order = label_order(tail_sorted(shuffled_labels()))
    assert order.partly_grouped and order.z > 20
    assert abs(order.first_row - TAIL) <= 3 and order.last_row == N_ROWS - 1, (order.first_row, order.last_row)
    assert order.range_changes < order.range_expected / 3


def test_a_sorted_middle_block_is_found_where_it_is():
    labels = shuffled_labels(1)
    labels[1232:1694] = np.sort(labels[1232:1694])
    order = label_order(labels)
    assert abs(order.first_row - 1232) <= 3 and abs(order.last_row - 1693) <= 3, (order.first_row, order.last_row)


def test_random_orders_stay_random():
    for seed in range(200):
        order = label_order(shuffled_labels(seed))
        assert order.z < 4 and not order.partly_grouped and order.first_row is None, (seed, order.z)
        assert "NOT" not in report_text(report_view(0.45, order), [])


def test_every_wording_says_not_random_and_where():
    order = label_order(tail_sorted(shuffled_labels()))
    where = f"rows {order.first_row:,}-{order.last_row:,}"
    view = report_view(0.4484, order)
    text, markdown = report_text(view, []), report_markdown(view)
    summary = non_iid_verdict(0.4484, order, 0.1)
    for name, words in {"text report": text, "markdown": markdown, "summary": summary, "screen": order.sentence()}.items():
        assert where in words, (name, words)
    for name, words in {"text report": text, "markdown": markdown, "summary": summary}.items():
        assert "NOT" in words and "consistent with" not in words and "likely" not in words, (name, words)
    assert "Non-IID p-value: 0.4484" in text and "p = 0.448" in summary  # Datalab's own p-value stays
    # the Non-IID screen's first line read 'the row order is consistent with a random order' above it
    assert "but not the labels" in p_value_line(0.4484, 0.1, order)
    shown = summary_json(view, cache_hit=False, stage_cache_hits={}, timings_s={}, notes=[])
    assert shown["non_iid_p_value"] == 0.4484
    assert shown["label_order"]["verdict"] == "runs" and shown["label_order"]["first_row"] == order.first_row


def test_labels_through_the_whole_file_name_no_range():
    labels = shuffled_labels(2)
    labels[::2] = labels[1::2]  # every label twice in a row: runs throughout, not in one place
    order = label_order(labels)
    assert order.partly_grouped and order.first_row is None
    assert "more than chance" in non_iid_verdict(0.3, order) and " in rows " not in order.run_together()


def test_the_audit_view_holds_the_labels_order(tmp_path):
    rng = np.random.default_rng(5)
    n_rows = 600
    labels = tail_sorted(rng.permutation(np.arange(n_rows) % 20), first=480)
    np.save(tmp_path / "features.npy", rng.normal(size=(n_rows, 8)).astype(np.float32))
    np.save(tmp_path / "pred_probs.npy", np.full((n_rows, 20), 0.05))
    frame = pd.DataFrame({"text": [f"row {i}" for i in range(n_rows)], "label": [f"c{v:02d}" for v in labels]})
    result = run_audit(frame, AuditOptions(features_path=str(tmp_path / "features.npy"),
                                           pred_probs_path=str(tmp_path / "pred_probs.npy"),
                                           issue_types=("non_iid",), use_cache=False))
    view = summary_view(result)
    order = LabelOrder.from_dict(view["label_order"])
    assert order is not None and order.partly_grouped and abs(order.first_row - 480) <= 3
    assert f"rows {order.first_row:,}-{n_rows - 1:,}" in report_text(view, [])


def test_the_texts_evidence_is_kept_beside_the_labels():
    """AG News test as published: Datalab's p = 0 (z 112) and labels that run together through the file
    (z 10.9). The report read 'NOT i.i.d.: the labels run together ...', the texts' evidence gone; the
    summary says both."""
    labels = shuffled_labels(3)
    labels[::2] = labels[1::2]
    order = label_order(labels)
    view = {**report_view(0.0, order), "non_iid_z": 112.0}
    line = next(line for line in report_text(view, []).splitlines() if line.startswith("Non-IID p-value"))
    assert "NOT i.i.d.: similar texts sit together, and the labels run together more than chance" in line, line
    assert "texts sit together, and the labels run together" in non_iid_verdict(0.0, order, 112.0)
