"""Small network helpers shared by the tests that start a server or reach for a cluster."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago: bound, then closed, never listening
    (so a connection to it is refused at once until someone binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def until(condition: Callable[[], object], what: str, seconds: float = 60.0, every: float = 0.02) -> None:
    """Wait, the event loop running, until ``condition()`` holds (looked at every ``every`` s); fail saying ``what``
    after ``seconds``: a guard against hanging CI on a loaded machine, not a measure of speed."""
    import pytest

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds:g}s for {what}")
        await asyncio.sleep(every)
