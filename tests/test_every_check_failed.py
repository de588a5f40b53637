"""When every check asked for fails (each a 'not checked' note), the findings are empty, not a crash.

Seen on banking77 test, 8 rows: `audit --issue-types non_iid` (a singular covariance) ended in
'internal error: ValueError: No issues available for retrieval', exit 70; so did `--issue-types
label` on label sets where fewer than two labels vary.
"""

from __future__ import annotations

from engine.audit import collect_findings


def test_no_check_left_gives_empty_findings_of_every_row():
    from cleanlab import Datalab

    lab = Datalab(data={"label": [0, 1, 0, 1, 1]}, label_name="label", verbosity=0)
    findings = collect_findings(lab, {"non_iid": 0.1})
    assert len(findings.issues) == 5 and list(findings.issues.columns) == []
    assert findings.summary.empty and findings.info == {}


def test_such_an_audit_is_taken_from_the_cache(tmp_path):
    """The cached entry came back with no row (Parquet keeps no row count without a column): the
    note 'cache entry audit/... is unusable (its issue table does not have 8 rows)' on every run."""
    import pandas as pd

    from engine.pipeline import AuditOptions, run_audit

    texts = ["where is my card", "my card has not arrived", "card still not here", "when does my card come",
             "link my card", "how to link a card", "linking my card to the app", "add a card to my account"]
    frame = pd.DataFrame({"text": texts, "label": ["arrival"] * 4 + ["linking"] * 4})
    options = AuditOptions(model="tfidf", issue_types=("non_iid",), cache_root=str(tmp_path))
    first = run_audit(frame, options)
    assert any("non_iid not checked" in note for note in first.notes)  # 8 rows: a singular covariance
    again = run_audit(frame, options)
    assert again.stage_cache_hits["audit"] and not [n for n in again.notes if "unusable" in n]
    assert len(again.output.issues) == len(frame)
