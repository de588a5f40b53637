"""The summary's class chart says it draws the audited labels once the journal changes some.

Seen in tmux on banking77 test: after two relabels and an exclusion the chart still drew every
class at 40 rows under 'Class distribution (77 classes)', with nothing saying the decisions were
not counted (R re-audits with them; the export writes them).
"""

from __future__ import annotations

from pilot_helpers import open_issue, wait_until
from textual.widgets import Static
from tui_synthetic import fixed_app


def chart_title(app) -> str:
    return str(app.screen.query_one("#chart-title", Static).render())


async def test_the_title_follows_the_journal(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert chart_title(app) == "Class distribution (7 classes)"  # nothing decided: nothing to say
        screen = await open_issue(pilot, "label")
        await pilot.press("a", "x", "o")
        await wait_until(pilot, lambda: screen.book.counts()["keep"] == 1, "three decisions")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.query("#chart-title"), "the summary")
        title = chart_title(app)
        assert "as audited, before the journal's 1 relabel and 1 exclusion (R re-audits with them)" in title, title
        await pilot.press("u", "u")
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.query("#chart-title"), "the summary again")
        await pilot.pause()
        title = chart_title(app)  # the keep and the exclusion undone: the relabel is left
        assert title.endswith("as audited, before the journal's 1 relabel (R re-audits with them)"), title
