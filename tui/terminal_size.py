"""The size of the terminal the TUI draws on: the one on stderr, where Textual draws.

Textual's Linux/macOS driver asks ``shutil.get_terminal_size``, which reads ``COLUMNS`` and
``LINES`` from the environment first and then measures stdout. An exported ``COLUMNS=200`` in
an 80x24 terminal drew a 200-column screen (its lines wrapped, the top rows scrolled away, and
a resize kept the same wrong size); ``textaudit demo > log`` (stdout a file) drew 80x24 in a
120x40 terminal. Imported only once there is a terminal to draw on (it imports Textual). On
Windows Textual's own driver is kept: its Linux driver imports ``termios``, which Windows lacks
(importing it there ended ``browse`` and ``demo`` in 'No module named termios').
"""

from __future__ import annotations

import os
import sys
from typing import Any

from textual.driver import Driver


def _stderr_sized(linux_driver: type[Any]) -> type[Driver]:
    """Textual's terminal driver, measuring the terminal on stderr (on start and on each resize)."""

    class StderrSizedDriver(linux_driver):  # type: ignore[misc, valid-type]
        def _get_terminal_size(self) -> tuple[int, int]:
            try:
                columns, lines = os.get_terminal_size(self._file.fileno())
            except (AttributeError, ValueError, OSError):
                return super()._get_terminal_size()
            if columns and lines:
                return columns, lines
            return super()._get_terminal_size()

    return StderrSizedDriver


def terminal_driver(driver_class: type[Driver]) -> type[Driver]:
    """Textual's own terminal driver measured on stderr; any other (textual-serve's, Windows') as it is."""
    if sys.platform == "win32":  # textual.drivers.linux_driver imports termios
        return driver_class
    from textual.drivers.linux_driver import LinuxDriver

    return _stderr_sized(LinuxDriver) if driver_class is LinuxDriver else driver_class
