"""The size of the terminal the TUI draws on: the one on stderr, where Textual draws.

Textual's Linux/macOS driver asks ``shutil.get_terminal_size``, which reads ``COLUMNS`` and
``LINES`` from the environment first and then measures stdout. An exported ``COLUMNS=200`` in
an 80x24 terminal drew a 200-column screen (its lines wrapped, the top rows scrolled away, and
a resize kept the same wrong size); ``textaudit demo > log`` (stdout a file) drew 80x24 in a
120x40 terminal. Imported only once there is a terminal to draw on (it imports Textual).
"""

from __future__ import annotations

import os

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class StderrSizedDriver(LinuxDriver):
    """Textual's terminal driver, measuring the terminal on stderr (on start and on each resize)."""

    def _get_terminal_size(self) -> tuple[int, int]:
        try:
            columns, lines = os.get_terminal_size(self._file.fileno())
        except (AttributeError, ValueError, OSError):
            return super()._get_terminal_size()
        if columns and lines:
            return columns, lines
        return super()._get_terminal_size()


def terminal_driver(driver_class: type[Driver]) -> type[Driver]:
    """Textual's own terminal driver measured on stderr; any other (textual-serve's) as it is."""
    return StderrSizedDriver if driver_class is LinuxDriver else driver_class
