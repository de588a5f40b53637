"""The text report's 'Dataset:' line stays one line for a file name holding a line break or a tab (escaped as
\\x0a / \\x09, as textaudit's stderr lines write them): the report keeps its own line breaks, so
'nl<LF>name.csv' printed 'Dataset: nl' and 'name.csv  (N rows, ...)' on two lines (review36)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from engine.pipeline import AuditOptions, run_audit
from engine.report_render import report_text
from engine.result import summary_view


def test_dataset_line_escapes_a_line_break_in_the_name(tmp_path: Path) -> None:
    labels = np.array([0, 1] * 6)
    np.save(tmp_path / "features.npy", np.random.default_rng(1).normal(size=(12, 4)).astype(np.float32))
    np.save(tmp_path / "pred_probs.npy", np.full((12, 2), 0.5))
    frame = pd.DataFrame({"text": [f"row {i}" for i in range(12)], "label": [f"c{v}" for v in labels]})
    result = run_audit(frame, AuditOptions(features_path=str(tmp_path / "features.npy"),
                                           pred_probs_path=str(tmp_path / "pred_probs.npy"),
                                           issue_types=("class_imbalance",), use_cache=False))
    view = summary_view(result)
    view["source"] = "nl\nname\t.csv"
    assert report_text(view, []).splitlines()[0] == "Dataset: nl\\x0aname\\x09.csv  (12 rows, 2 classes)"
