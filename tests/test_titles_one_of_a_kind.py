"""Counts of one take the singular in titles and the threshold dialog: ui30's walk (tmux 80x24, a
120-row file with one label issue) read 'Confusions · 1 label issues · 1 groups'; the threshold dialog
moved to one row read 'score ≤ X: 1 rows flagged'. Also fixed the same way: 'Label changes · ... ·
1 changes', the near-duplicate title's '1 of 1 sets', a list's '1 of 1 rows' (a re-audit's newly
flagged rows: engine.wording.counted."""

from __future__ import annotations

from pilot_helpers import open_issue, settle, wait_until
from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.app import TextauditApp
from tui.screens.threshold_dialog import ThresholdDialog


async def one_row(pilot, issue_type: str) -> str:
    """The threshold dialog of ``issue_type``'s screen moved to one row: its summary."""
    await open_issue(pilot, issue_type)
    await pilot.press("t")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThresholdDialog), "the threshold dialog")
    dialog = pilot.app.screen
    for _ in range(200):
        if dialog.count <= 1:
            break
        await pilot.press("left")  # one row fewer
    await pilot.pause()
    assert dialog.count == 1
    return str(dialog.query_one("#threshold-summary", Static).render())


async def test_a_score_cut_at_one_row(demo_result, journal_path):
    app = TextauditApp(demo_result, journal_path=journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        summary = await one_row(pilot, "outlier")  # the demo's outliers: a score cut
        assert ": 1 row flagged" in summary and "1 rows" not in summary, summary


async def test_one_label_issue_one_group_one_row(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        summary = await one_row(pilot, "label")  # the synthetic scores: the audit's own verdict
        assert "the lowest-scored row (0 goes back)" in summary, summary
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        title = str(app.screen.query_one("#title-bar", Static).render())
        assert title == "Confusions · 1 label issue · 1 group", title
