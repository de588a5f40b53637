"""The re-audit's Resolved says which resolved rows someone decided and which were merely no longer
flagged (walk36: ag_news, 34 decisions, 'Resolved 98': 64 of them rows nobody decided that the new
audit's own cut, 161 flags to 64, left out)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.review import audit_delta
from tui.screens.reaudit import class_table, resolved_cell


def _delta() -> dict:
    before = pd.DataFrame({"is_label_issue": [True, True, True, True, False]})
    after = pd.DataFrame({"is_label_issue": [False, False, True, False]})  # row 2 excluded
    # decided: row 0 (relabelled), row 2 (excluded), row 4 (kept, never flagged); rows 1 and 3 nobody decided
    return audit_delta(before, after, np.array([0, 1, 3, 4]), before_labels=np.array([0, 0, 1, 1, 0]),
                       after_labels=np.array([1, 0, 1, 0]), class_names_before=["a", "b"],
                       class_names_after=["a", "b"], decided=np.array([0, 2, 4]))


def test_resolved_split_into_decided_and_undecided():
    label = _delta()["label"]
    assert (label["resolved"], label["resolved_decided"], label["remaining"]) == (3, 2, 1)
    assert resolved_cell(label) == "2+1"
    assert label["by_class"]["a"]["resolved_decided"] == 1 and label["by_class"]["b"]["resolved_decided"] == 1
    assert resolved_cell(label["by_class"]["a"]) == "1+1"


def test_the_class_table_says_the_split():
    from rich.console import Console

    console = Console(width=80, record=True)
    console.print(class_table(_delta(), "label"))
    text = console.export_text()
    assert "1+1" in text and "1+0" in text
