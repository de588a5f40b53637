"""A Latin-1 file name in the app's notes, report (r) and 'Audit failed' line is written with its byte escaped, as
the title and the exit line write it: Python reads 'caf\\xe9.csv' as 'caf\\udce9.csv', the byte written back for
the escape was dropped by a UTF-8 terminal, and the summary's note read 'caf.csv: 1 blank line is not a row'
(the name of another file; diff38, tmux 120x40)."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from engine.audit import DatalabFindings
from engine.load import load_dataset
from engine.pipeline import AuditOptions, AuditResult
from pilot_helpers import failed_audit_line
from tui.view import AuditView

LATIN1 = os.fsdecode(b"caf\xe9.csv")
SUMMARY = pd.DataFrame(columns=["issue_type", "num_issues", "score"])  # no check ran


def test_notes_and_report_escape_the_byte(tmp_path):
    path = tmp_path / LATIN1
    path.write_text("text,label\nhello there,a\n\nbye now,b\n")  # a blank line: a note naming the file
    dataset = load_dataset(str(path))
    n = len(dataset)
    result = AuditResult(dataset=dataset, options=AuditOptions(issue_types=()), pred_probs=np.full((n, 2), 0.5),
                         graph=None, output=DatalabFindings(pd.DataFrame(index=range(n)), SUMMARY, {}, ""),
                         timings_s={}, stage_cache_hits={}, notes=list(dataset.style.notes))
    view = AuditView.from_result(result)
    assert view.notes == ["caf$'\\xe9'.csv: 1 blank line is not a row; an export leaves them out"], view.notes
    assert f"Dataset: {tmp_path}/caf$'\\xe9'.csv  (2 rows, 2 classes)" in view.report.splitlines(), view.report


async def test_the_failure_line_escapes_the_byte(tmp_path):
    error = await failed_audit_line(tmp_path, LATIN1)  # no text column: the load fails inside the app
    assert error.startswith("Audit failed: ") and "caf$'\\xe9'.csv: no text column" in error, error
