"""The reports' count table beside a 'NOT i.i.d.' verdict from the labels' order (ui27b left): Datalab's
non_iid count of 0 read as 'random' a few lines above 'NOT i.i.d.'; it now says whose count it is."""

from __future__ import annotations

import numpy as np

from engine.label_order import label_order
from engine.report_render import report_markdown, report_text

ASIDE = "(Datalab's count; the labels' order: see Non-IID below)"


def view_of(labels: np.ndarray, datalab_count: int) -> dict:
    return {"source": "d.csv", "n_rows": len(labels), "n_classes": 77, "issue_counts": {"label": 3, "non_iid": datalab_count},
            "non_iid_p_value": 0.45, "non_iid_z": 0.1, "label_order": label_order(labels).to_dict(),
            "label_estimate": None, "notes": [], "report": "", "label_names": None}


def shuffled(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).permutation(np.arange(3080) % 77)


def test_a_zero_beside_labels_that_run_together_says_whose_it_is():
    labels = shuffled(0)
    labels[2618:] = np.sort(labels[2618:])
    view = view_of(labels, 0)
    text, markdown = report_text(view, []), report_markdown(view)
    row = next(line for line in text.splitlines() if line.strip().startswith("non_iid"))
    assert row.split()[1] == "0" and ASIDE in row, row
    assert f"| non_iid | 0 {ASIDE} |" in markdown
    assert "NOT i.i.d." in text  # the verdict it points to


def test_a_random_order_or_datalabs_own_flag_is_left_as_it_was():
    for labels, count in ((shuffled(1), 0), (np.sort(shuffled(2)), 1)):
        view = view_of(labels, count)
        assert ASIDE not in report_text(view, []) and ASIDE not in report_markdown(view)
