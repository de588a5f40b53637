"""The size of the terminal the TUI draws on: the one on stderr, where Textual draws.

Textual's Linux/macOS driver asks ``shutil.get_terminal_size``, which reads ``COLUMNS`` and
``LINES`` from the environment first and then measures stdout. An exported ``COLUMNS=200`` in
an 80x24 terminal drew a 200-column screen (its lines wrapped, the top rows scrolled away, and
a resize kept the same wrong size); ``textaudit demo > log`` (stdout a file) drew 80x24 in a
120x40 terminal. Imported only once there is a terminal to draw on (it imports Textual). On
Windows Textual's own driver is kept: its Linux driver imports ``termios``, which Windows lacks
(importing it there ended ``browse`` and ``demo`` in 'No module named termios').

A terminal that goes away (a dropped SSH session, a closed tmux pane) made Textual's output
thread die of EIO; the app's next frame then waited forever for room in its queue, so the app
hung as an orphan (its audit still running, the vectors it had embedded never cached, the
SIGHUP flag never polled). The writer here drops what it cannot write and sets the interrupt
flag: the app cancels its audit (keeping the finished chunks) and quits, exit 130. With SIGHUP
ignored, an idle app is told by :meth:`terminal_gone`, which the app polls with the flag.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from queue import Queue
from typing import IO, Any

from textual.driver import Driver

from tui.std_streams import write_waiting

#: Frames queued for the terminal before the app waits for room (Textual's own writer's bound)
MAX_QUEUED_WRITES = 30


class SurvivingWriterThread(threading.Thread):
    """The terminal driver's output thread (the interface of Textual's private ``WriterThread``:
    write, start, stop), which outlives its terminal: once a write fails (EIO after a hangup) it
    sets the interrupt flag and drops the rest, so the app never blocks on a full queue. A terminal
    left non-blocking (O_NONBLOCK, by another program sharing it) that is full is waited for, not
    taken for gone: its ``BlockingIOError`` had ended the app (exit 130)."""

    def __init__(self, file: IO[str]) -> None:
        super().__init__(daemon=True, name="textual-output")
        self._queue: Queue[str | None] = Queue(MAX_QUEUED_WRITES)
        self._file = file

    def write(self, text: str) -> None:
        self._queue.put(text)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._file.fileno()

    def flush(self) -> None:
        """Nothing: the thread flushes when its queue runs empty."""

    def run(self) -> None:
        from tui.interrupts import INTERRUPTED

        get, get_now, lost = self._queue.get, self._queue.get_nowait, False
        file = self._file
        encoding, errors = getattr(file, "encoding", None) or "utf-8", getattr(file, "errors", None) or "strict"
        try:
            file.flush()  # what the stream holds goes first: the frames are written to its descriptor
        except (OSError, ValueError):
            pass
        while (text := get()) is not None:
            texts = [text]
            while not self._queue.empty() and (text := get_now()) is not None:
                texts.append(text)  # what is queued goes in one write, as a flush when the queue ran empty did
            if not lost:
                try:
                    write_waiting(file.fileno(), "".join(texts).encode(encoding, errors))
                except (OSError, ValueError):  # the terminal is gone (EIO, EPIPE, EBADF ...), or its stream closed
                    lost = True
                    INTERRUPTED.set()
            if text is None:
                break

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        self._queue.put(None)
        self.join()


def _stderr_sized(linux_driver: type[Any]) -> type[Driver]:
    """Textual's terminal driver, measuring the terminal on stderr (on start and on each resize),
    with an output thread that survives the terminal going away."""

    class StderrSizedDriver(linux_driver):  # type: ignore[misc, valid-type]
        @property
        def _writer_thread(self) -> SurvivingWriterThread | None:
            return self.__dict__.get("_surviving_writer")

        @_writer_thread.setter
        def _writer_thread(self, writer: Any) -> None:
            """Textual makes its own in start_application_mode and starts it at once: made ours."""
            if writer is not None and not isinstance(writer, SurvivingWriterThread):
                writer = SurvivingWriterThread(self._file)
            self.__dict__["_surviving_writer"] = writer

        def terminal_gone(self) -> bool:
            """The terminal hung up (its pane closed, its SSH session dropped) while SIGHUP was
            ignored: Textual's input thread then spins on end-of-file and nothing is drawn again."""
            import termios

            try:
                termios.tcgetattr(self._file.fileno())
            except termios.error as exc:
                return exc.args[0] == errno.EIO
            except (AttributeError, ValueError, OSError):
                return False
            return False

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
