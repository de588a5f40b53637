"""Small helpers shared by the Pilot tests."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let the screen's sort/filter worker finish and its order reach the list."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
