"""Small helpers shared by the Pilot tests."""

from __future__ import annotations

import json
from pathlib import Path


async def settle(pilot) -> None:
    """Let the screen's sort/filter worker finish and its order reach the list."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
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
