"""The re-audit screen (R): its title keeps the journal's name readable at 60 columns, and escape
while it runs says 'cancelling…' until the step stops (ui30, tmux 60x20, banking77 test).

The title went to the bar's own ellipsis at its right edge ('Re-audit with the corrections in
banking77_test_v2.corr…': which journal, unsaid); now the name is cut in its middle, its end kept,
as the summary's title cuts it. Escape during predict wrote 'cancelling…', and the 0.25 s tick drew
'escape cancels' over it while the step ran on for seconds: no word until 're-audit cancelled'.
"""

from __future__ import annotations

import threading

from pilot_helpers import blocked_audit, reaudit_ended, reaudit_running, title_bar
from rich.cells import cell_len
from textual.widgets import Static

from tui.app import TextauditApp

JOURNAL = "banking77_test_v2_final.corrections.jsonl"


async def test_title_fits_and_escape_says_cancelling_until_the_step_stops(demo_result, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()

    # a step that checks for the cancel only now and then: it ends at release
    monkeypatch.setattr("engine.reaudit.run_audit", blocked_audit(started, release))
    app = TextauditApp(demo_result, journal_path=tmp_path / JOURNAL)
    async with app.run_test(size=(60, 20)) as pilot:
        try:
            screen = await reaudit_running(pilot, started, 5)
            drawn, width = title_bar(app)
            assert drawn == "Re-audit with the corrections in banking77_te…ctions.jsonl", drawn
            assert cell_len(drawn) <= width
            await pilot.press("escape")
            await pilot.pause()
            screen.tick()  # the interval's redraw, as it comes every 0.25 s while the step runs on
            status = str(screen.query_one("#reaudit-status", Static).render())
            assert screen.running and "cancelling…" in status and "escape cancels" not in status, status
        finally:
            release.set()
        await reaudit_ended(pilot, 200)
        assert "re-audit cancelled" in str(app.screen.query_one("#reaudit-status", Static).render())
