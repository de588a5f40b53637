"""Small network helpers shared by the tests that start a server or reach for a cluster."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago: bound, then closed, never listening
    (so a connection to it is refused at once until someone binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
