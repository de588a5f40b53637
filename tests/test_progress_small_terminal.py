"""The progress screen's elapsed line is on screen in a 60x15 terminal.

Seen in tmux at 60x15 (ag_news slice, --no-cache): the five stages drew, and the line under them,
'elapsed 5.3s · escape cancels', fell below the screen's edge: the padding around the stages took
the two rows it needed.
"""

from __future__ import annotations

import threading

from pilot_helpers import wait_until
from textual.widgets import Static

from engine.errors import Cancelled
from engine.pipeline import AuditOptions
from tui.app import TextauditApp


async def test_the_elapsed_line_fits_a_60x15_terminal(monkeypatch, demo_csv, tmp_path):
    started = threading.Event()

    def blocking_audit(source, options, *, progress=None, cancel=None, **_):
        started.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    monkeypatch.setattr("engine.pipeline.run_audit", blocking_audit)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        assert type(screen).__name__ == "ProgressScreen"
        elapsed = screen.query_one("#elapsed", Static)
        await wait_until(pilot, lambda: "elapsed" in str(elapsed.render()), "the elapsed line")
        inside = screen.query_one("#progress").content_region  # within its padding: drawn
        assert elapsed.region.height >= 1 and elapsed.region.bottom <= inside.bottom, (elapsed.region, inside)
        assert screen.query_one("#stage-audit").region.bottom <= elapsed.region.y  # every stage above it
        await pilot.press("escape")
        await pilot.pause()
