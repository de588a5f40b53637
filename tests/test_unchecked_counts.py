"""An issue type whose check failed is 'not checked' (JSON null), never a count of 0: a script
reading issue_counts['non_iid'] == 0 took a check that never ran for a clean bill."""

from __future__ import annotations

import json

from textual.widgets import DataTable

from tui.app import TextauditApp
from tui.view import ISSUE_TITLES


def _tiny(tmp_path):
    # 4 rows: their vectors span at most 3 dimensions, so the non-IID test's kernel density
    # (gaussian_kde) has a singular covariance on any machine and Datalab cannot run it
    path = tmp_path / "tiny.csv"
    path.write_text("text,label\nhello,a\nworld,b\nfoo,a\nbar,b\n")
    return path


def test_a_check_that_did_not_run_is_null_in_json_and_not_checked_in_the_reports(tmp_path, capsys):
    from tui.cli import main

    args = ["audit", str(_tiny(tmp_path)), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache")]
    assert main([*args, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    failed = {note.split(" ", 1)[0] for note in out["notes"] if " not checked: " in note}
    assert "non_iid" in failed
    assert {name for name, count in out["issue_counts"].items() if count is None} == failed  # it said 0
    assert out["issue_counts"]["label"] is not None
    for fmt, line in (("text", "  non_iid                not checked"), ("markdown", "| non_iid | not checked |")):
        assert main([*args, "--format", fmt]) == 0
        assert line in capsys.readouterr().out.splitlines()


async def test_the_summary_table_says_not_checked(pinned_result, tmp_path):
    from tui_synthetic import fixed_view

    view = fixed_view(pinned_result.dataset)
    del view.counts["non_iid"], view.counts["underperforming_group"]  # as from_result leaves them
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#issue-table", DataTable)
        rows = {cells[0]: cells[1:] for cells in map(table.get_row_at, range(table.row_count))}
        assert rows[ISSUE_TITLES["non_iid"]] == ["not checked", "-", "-"]
        assert rows[ISSUE_TITLES["underperforming_group"]] == ["not checked", "-", "-"]
        assert rows[ISSUE_TITLES["label"]][0] == f"{view.counts['label']:,}"
