"""Small helpers shared by the Pilot tests."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

WAIT_S = 60.0  # generous for a loaded CI machine; a healthy app answers in well under a second


async def settle(pilot) -> None:
    """Let the screen's sort/filter worker finish and its order reach the list."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot, condition: Callable[[], bool], what: str, deadline_s: float = WAIT_S) -> None:
    """Let the app run (``pilot.pause()``; thread workers run meanwhile) until ``condition()``
    holds; fail naming ``what`` after the deadline. For state a message chain reaches a few hops
    after a worker's result (the list's order, then its highlight, then the detail pane), where
    one pause can return early on a loaded machine."""
    end = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"waited {deadline_s:.0f} s for {what}")
        await pilot.pause()


def journal_lines(path: Path) -> list[dict]:
    """The journal's JSON lines ([] when the file does not exist yet)."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


async def every_row(pilot, issue: str):
    """Open ``issue``'s row screen, press ``f`` (every row, not only the flagged ones) and return its
    settled row list."""
    from tui.widgets.row_list import RowList

    pilot.app.open_issue(issue)
    await pilot.pause()
    await pilot.press("f")
    await settle(pilot)
    return pilot.app.screen.query_one("#rows", RowList)
