"""``audit --format json`` gives Datalab's own label-flag count, the number the TUI's summary
says beside textaudit's ("Datalab's own flag: 68 rows, 52 of them in both" on banking77 test,
which the JSON did not hold: its cleanlab_estimate, 70, is another number)."""

from __future__ import annotations

from engine.result import summary_json
from tui.view import AuditView


def test_the_json_summary_counts_datalab_s_own_label_flags_as_the_summary_screen_does(demo_result):
    estimate = summary_json(demo_result)["label_estimate"]
    theirs = int(demo_result.output.issues["datalab_is_label_issue"].sum())
    assert estimate["datalab_label_issues"] == theirs
    assert f"Datalab's own flag: {theirs:,} row" in AuditView.from_result(demo_result).label_source()


def test_the_text_report_says_datalab_s_own_label_flag_count(demo_result):
    from engine.result import report_text

    theirs = int(demo_result.output.issues["datalab_is_label_issue"].sum())
    assert f"Datalab's own label flag: {theirs:,} rows" in report_text(demo_result)
