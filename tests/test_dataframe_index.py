"""A caller's DataFrame keeps its index in the per-row results: ``run_audit(df)`` numbered them
0..n-1, so on a shuffled frame (``df.sample(frac=1)``, a ``train_test_split`` part)
``df[issues.is_label_issue]`` or ``df.join(issues)`` met other rows than the ones flagged, silently."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import AuditOptions, run_audit
from engine.result import issue_table


def _frame() -> pd.DataFrame:
    words = {"lock": "freeze block stolen card lost", "money": "top up transfer balance cash"}
    rows = [(f"{words[label].split()[i % 5]} {words[label].split()[(i + 2) % 5]} please {i}", label)
            for i in range(20) for label in words]
    rows[4], rows[9] = (rows[4][0], "money"), (rows[9][0], "lock")  # wrong labels, so some row is flagged
    return pd.DataFrame(rows, columns=["text", "label"]).sample(frac=1, random_state=3)


@pytest.mark.parametrize("cached", [False, True], ids=["computed", "from the cache"])
def test_the_issues_are_keyed_as_the_callers_rows(tmp_path, cached):
    df = _frame()
    options = AuditOptions(model="tfidf", cache_root=str(tmp_path))
    if cached:
        run_audit(df, options)
    result = run_audit(df, options)
    issues, table = result.output.issues, issue_table(result)
    assert list(issues.index) == list(df.index) and list(table.index) == list(df.index)
    joined = df.join(table[["text", "given_label"]].rename(columns={"text": "text_audited"}))  # aligned on the index
    assert (joined["text"] == joined["text_audited"]).all()
    assert (joined["label"] == joined["given_label"]).all()
    flagged = list(table.text[table.is_label_issue])
    assert flagged and list(df[issues["is_label_issue"]].text) == flagged


def test_a_plain_frame_keeps_its_numbering(tmp_path):
    df = _frame().reset_index(drop=True)
    result = run_audit(df, AuditOptions(model="tfidf", cache_root=str(tmp_path)))
    assert isinstance(result.output.issues.index, pd.RangeIndex)
    assert list(issue_table(result).index) == list(range(len(df)))
