"""The driver of ``textaudit serve``'s app processes: an app ends when its server is gone.

textual-serve talks to each app process over the app's stdin and stdout. Textual's ``WebDriver``
stops reading when stdin ends and leaves the app running, so after the server died without
closing its apps (``kill -9``, the ``SIGHUP`` of a dropped SSH session) every app lived on, idle,
holding the journal's lock: each later ``browse`` or ``serve`` of that dataset opened read-only,
naming a process the user never started. Here the end of stdin ends the app as the server's
``quit`` would (every decision is already on disk; the lock goes with the process).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual import messages
from textual.drivers.web_driver import WebDriver

#: What ``TEXTUAL_DRIVER`` names in the command serve runs per connection.
SERVED_DRIVER = "tui.served_driver:ServedDriver"


class _EndNoting:
    """Wraps the web driver's stdin reader (anything with ``close()`` that iterates bytes) and
    notes whether stdin itself ended, not a stop on exit. A wrapper, not a subclass: textaudit
    imports nothing from Textual's private ``textual.drivers._input_reader``."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._closed = False
        self.ended = False

    def close(self) -> None:
        self._closed = True
        self._reader.close()

    def __iter__(self) -> Iterator[bytes]:
        yield from self._reader
        self.ended = not self._closed


class ServedDriver(WebDriver):
    """``WebDriver`` whose app exits when stdin ends (the serving process is gone)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = getattr(self, "_input_reader", None)  # a Textual without it: WebDriver's behaviour, no crash
        self._stdin = None if reader is None else _EndNoting(reader)
        if self._stdin is not None:
            self._input_reader = self._stdin

    def run_input_thread(self) -> None:
        """Read input as WebDriver does; at the end of stdin, ask the app to exit."""
        super().run_input_thread()
        if self._stdin is not None and self._stdin.ended and not self.exit_event.is_set():
            self._app.post_message(messages.ExitApp())  # thread-safe
