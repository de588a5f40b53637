"""A terminal another program left non-blocking (O_NONBLOCK on the shared tty) is waited for when
full, not taken for gone. The app's output thread wrote through Python's stderr: buffered (as users
run Python) a full terminal raised BlockingIOError, which it took for a hangup: it set the interrupt
flag and dropped every later frame, so the app quit (exit 130); unbuffered (PYTHONUNBUFFERED=1)
Python's stderr drops what does not fit without a word, so frames reached the terminal cut.
Only a real hangup (EIO) still counts as the terminal gone. All run on a real pty."""

from __future__ import annotations

import io
import os
import select
import signal
import threading
import time

import pytest

pty = pytest.importorskip("pty")
tty = pytest.importorskip("tty")
pty_app = pytest.importorskip("pty_app")  # POSIX only (fcntl, termios)

FRAMES = [f"<frame {i:05d} {'x' * 200}>" for i in range(2000)]  # ~430 kB: many times a pty's buffer


@pytest.fixture
def interrupted():
    from tui.interrupts import INTERRUPTED

    INTERRUPTED.clear()
    yield INTERRUPTED
    INTERRUPTED.clear()


def _write_in_a_thread(writer) -> threading.Thread:
    """The app's side: frames queued one after the other (blocking while the queue is full)."""
    frames = threading.Thread(target=lambda: [writer.write(frame) for frame in FRAMES], daemon=True)
    frames.start()
    return frames


def _stream(fd: int, buffered: bool) -> io.TextIOWrapper:
    """``fd`` as Python's stderr has it: line-buffered, or written through unbuffered (PYTHONUNBUFFERED)."""
    if buffered:
        return open(fd, "w", encoding="utf-8", buffering=1)
    return io.TextIOWrapper(open(fd, "wb", buffering=0), encoding="utf-8", write_through=True)


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_a_full_non_blocking_terminal_is_waited_for_and_gets_every_frame(interrupted, buffered):
    from tui.terminal_size import SurvivingWriterThread

    main_fd, child_fd = pty.openpty()
    tty.setraw(child_fd)  # the bytes as written (no newline translation)
    os.set_blocking(child_fd, False)
    stream = _stream(child_fd, buffered)
    writer = SurvivingWriterThread(stream)
    writer.start()
    frames = _write_in_a_thread(writer)
    try:
        # nobody reads until the terminal is full (a write found no room) or the writer gave up
        while select.select([], [child_fd], [], 0)[1] and not interrupted.wait(0.01):
            pass
        assert not interrupted.is_set(), "a full non-blocking terminal was taken for gone"
        received = bytearray()
        expected = "".join(FRAMES).encode()
        while len(received) < len(expected):
            ready = select.select([main_fd], [], [], 30)[0]  # a guard against a hang, not a speed goal
            assert ready, f"nothing more after {len(received)} of {len(expected)} bytes"
            received += os.read(main_fd, 65536)
        frames.join(timeout=60)
        writer.stop()
        assert bytes(received) == expected  # every frame, in order, none cut
        assert not interrupted.is_set()
    finally:
        try:
            stream.close()
        except BlockingIOError:  # the old writer's frames left in the buffer
            pass
        os.close(main_fd)


def test_a_hung_up_terminal_is_still_gone_and_never_blocks_the_app(interrupted):
    """Textual's own thread died of the first EIO; the app's next frames then blocked for good."""
    from tui.terminal_size import SurvivingWriterThread

    main_fd, child_fd = pty.openpty()
    os.close(main_fd)  # the terminal goes away: writes to it fail with EIO
    stream = open(child_fd, "w", encoding="utf-8")
    writer = SurvivingWriterThread(stream)
    writer.start()
    frames = _write_in_a_thread(writer)
    frames.join(timeout=30)
    try:
        assert not frames.is_alive(), "the app blocked on the output queue"
        assert interrupted.is_set()  # the app polls it: quits as for a SIGHUP
        writer.stop()
        assert not writer.is_alive()
    finally:
        try:
            stream.close()
        except OSError:  # EIO: the terminal is gone
            pass


def test_the_app_on_a_non_blocking_terminal_that_fills_up_runs_on(tmp_path):
    """The real app, its terminal O_NONBLOCK and read by nobody until full: it quit on its own (exit 130)."""
    main_fd, child_fd = pty.openpty()
    pty_app.set_size(child_fd, 100, 300)  # a big screen: its first frames overfill the pty's buffer
    os.set_blocking(child_fd, False)  # as a program sharing the terminal leaves it (the flag is the file's)
    environ = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as users run it
    process = pty_app.spawn_app(tmp_path, child_fd, signal.SIG_DFL, environ)
    drawn = b""
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not a speed goal
        while select.select([], [child_fd], [], 0)[1] and process.poll() is None and time.monotonic() < deadline:
            select.select([], [], [], 0.05)  # nobody reads: the app's writes fill the terminal
        assert not select.select([], [child_fd], [], 0)[1], f"the terminal never filled up (exit {process.poll()})"
        while b"Health" not in drawn and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.1)[0]:
                drawn += os.read(main_fd, 1 << 20)
        assert b"Health" in drawn and process.poll() is None, f"exit {process.poll()}"
        os.write(main_fd, b"\x03")  # ctrl+c: the app quits, its decisions saved
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.1)[0]:
                os.read(main_fd, 1 << 20)
        assert process.poll() == 0  # was 130: the full terminal taken for gone
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(child_fd)
        os.close(main_fd)
