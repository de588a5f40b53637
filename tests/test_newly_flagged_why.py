"""The detail pane of a re-audit's "Newly flagged" row says why it is listed: it read 'Why: Listed
for its similarity; no check flags it.' (ui29, tmux 80x24, banking77 test after R, enter on Label
issues), the words of a More-like-this list, whose screen the list reuses; the row is listed
because the re-audit flags it, and the pane's other lines are the first audit's."""

from __future__ import annotations

from pilot_helpers import settle, wait_until
from test_newly_flagged_issue_type import newly_flagged
from textual.widgets import Static
from tui_synthetic import fixed_app


def body(app) -> str:
    return " ".join(str(app.screen.query_one("#detail-body", Static).render()).split())


async def test_a_newly_flagged_row_says_the_re_audit_flags_it(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    newly_flagged(app, len(pinned_result.dataset))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_newly_flagged("outlier")
        await settle(pilot)
        await wait_until(pilot, lambda: "Why:" in body(app), "the detail pane")
        text = body(app)
        assert "Why: The re-audit with the corrections flags it (outlier score " in text, text
        assert "the first audit did not, and these lines are the first audit's." in text
        assert "Listed for its similarity" not in text
        await pilot.press("escape")
        await pilot.pause()
        app.open_similar(row=0)  # a More-like-this list keeps its own words
        await wait_until(pilot, lambda: getattr(app.screen, "value_title", None) == "Sim", "the similar rows")
        await settle(pilot)
        assert "re-audit" not in body(app)


async def test_the_newly_flagged_title_keeps_its_counts_at_60_columns(pinned_result, journal_path):
    """'Newly flagged: Outliers (New = re-audit score) · 2 of 2 rows · decided 0' is 72 cells for
    58: the column's explanation goes first, then the counts fit (tui/title_fit.py)."""
    app = fixed_app(pinned_result, journal_path)
    newly_flagged(app, len(pinned_result.dataset))
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_newly_flagged("outlier")
        await settle(pilot)
        bar = app.screen.query_one("#title-bar", Static)
        assert str(bar.render()) == "Newly flagged: Outliers · 2 rows · decided 0", str(bar.render())
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert str(bar.render()) == "Newly flagged: Outliers (New = re-audit score) · 2 of 2 rows · decided 0"
