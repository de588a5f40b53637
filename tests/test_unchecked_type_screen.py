"""An issue type Datalab could not check says so on its own screen, as the summary's 'not checked' does:
ag_news (300 rows) showed 'Underperforming group  not checked' on the summary, and its screen read 'No
cluster of rows where the model does clearly worse' and 'press f to list every row by score' (no row
has one) (walk37, tmux)."""

from __future__ import annotations

from textual.widgets import Static

from pilot_helpers import open_issue
from tui.app import TextauditApp

REASON = "No meaningful clusters were generated for determining underperforming group."


async def test_an_unchecked_type_says_not_checked_and_why(pinned_result, tmp_path):
    from tui_synthetic import fixed_view

    view = fixed_view(pinned_result.dataset)
    del view.counts["underperforming_group"]  # as AuditView.from_result leaves a check that did not run
    view.notes.append(f"underperforming_group not checked: {REASON}")
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "underperforming_group")
        verdict = str(screen.query_one("#verdict", Static).render())
        empty = screen.row_list.empty_text
    assert verdict.startswith("Not checked: No meaningful clusters") and "does clearly worse" not in verdict
    assert "not checked" in empty and "press f" not in empty


async def test_a_checked_type_keeps_its_verdict(pinned_result, tmp_path):
    from tui_synthetic import fixed_view

    view = fixed_view(pinned_result.dataset)
    view.counts["underperforming_group"] = 0
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "underperforming_group")
        verdict = str(screen.query_one("#verdict", Static).render())
    assert verdict.startswith("No cluster of rows where the model does clearly worse")
