"""--issues-out's lone-surrogate warning reads right for one row: "1 row's id holds", not "1 row' id"."""

from __future__ import annotations

import pandas as pd

import engine.result
from engine.issues_out import write_issue_table


def test_one_row_with_a_lone_surrogate_id_is_said_in_the_singular(tmp_path, monkeypatch):
    table = pd.DataFrame({"row": [0, 1, 2], "id": pd.Series(["\ud800a", "b", "c"], dtype=object),
                          "text": pd.Series(["x", "y", "\udc00z"], dtype=object),
                          "given_label": pd.Series(["\ud800l", "\ud800l", "m"], dtype=object)})
    monkeypatch.setattr(engine.result, "issue_table", lambda result, *_: table)
    warnings = write_issue_table(None, str(tmp_path / "issues.csv"), [])
    tail = "lone surrogates, which csv cannot store; written with U+FFFD (use .jsonl to keep them)"
    assert warnings == [f"--issues-out: 1 row's id holds {tail}", f"--issues-out: 1 text holds {tail}",
                        f"--issues-out: 2 rows' given_label hold {tail}"]
