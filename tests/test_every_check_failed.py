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
