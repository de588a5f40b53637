"""The app's terminal going away (a dropped SSH session, a closed tmux pane): the app quits as a
SIGTERM makes it (an audit in it cancelled with its finished chunks cached, exit 130), never killed
outright nor left running as an orphan.

Before: SIGHUP killed it at once (an in-app audit lost every vector it had embedded: AG News, 2,658
texts after 57 s, none cached); with SIGHUP ignored it ran on, its input thread spinning on
end-of-file; and a frame drawn after the hangup killed Textual's output thread (EIO), so the next
one waited forever for room in its queue.
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from engine.errors import EXIT_CANCELLED

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP or ptys on this platform")


def _app_in_a_terminal(tmp_path: Path, hangup_action) -> tuple[subprocess.Popen, int]:
    """``textaudit browse`` on a small CSV, its terminal a pty it controls (as a login's shell has
    it); returns the process and the pty's main side."""
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i} about {'ab'[i % 2]},{'ab'[i % 2]}\n" for i in range(40)))
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, b"\x18\x00\x50\x00\x00\x00\x00\x00")  # 24 x 80

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        signal.signal(signal.SIGHUP, hangup_action)

    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("TEXTUAL_DRIVER", None)
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", "browse", str(data), "--model", "tfidf"],
                               cwd=tmp_path, env=env, stdin=child_fd, stdout=child_fd, stderr=child_fd,
                               start_new_session=True, preexec_fn=controlling_terminal)
    os.close(child_fd)
    return process, main_fd


def _hang_up_once_drawn(tmp_path: Path, hangup_action) -> int:
    """Read the app's screen until its summary is drawn, then close the terminal. (Read here, not in a
    thread: a close while another thread is blocked reading the pty leaves it open until that read returns.)"""
    process, main_fd = _app_in_a_terminal(tmp_path, hangup_action)
    drawn = b""
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not a speed goal
        while b"Health" not in drawn and process.poll() is None and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.1)[0]:
                try:
                    drawn += os.read(main_fd, 65536)
                except OSError:
                    break
        assert b"Health" in drawn, drawn[-2000:]
        os.close(main_fd)  # the terminal goes away: the kernel hangs up its session
        try:
            return process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            return -999  # still running as an orphan
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_hangup_quits_the_app_as_a_sigterm_does(tmp_path):
    assert _hang_up_once_drawn(tmp_path, signal.SIG_DFL) == EXIT_CANCELLED  # was -SIGHUP: killed


def test_a_hangup_that_is_ignored_still_ends_the_app_once_its_terminal_is_gone(tmp_path):
    assert _hang_up_once_drawn(tmp_path, signal.SIG_IGN) == EXIT_CANCELLED  # was still running


def test_the_output_thread_outlives_its_terminal_and_never_blocks_the_app():
    """Textual's own thread died of the first EIO; the app's next frames then blocked for good."""
    from tui.interrupts import INTERRUPTED
    from tui.terminal_size import SurvivingWriterThread

    class HungUp:
        def write(self, text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

        def flush(self) -> None:
            raise OSError(errno.EIO, "Input/output error")

    INTERRUPTED.clear()
    writer = SurvivingWriterThread(HungUp())
    writer.start()
    frames = threading.Thread(target=lambda: [writer.write("frame") for _ in range(500)], daemon=True)
    frames.start()
    frames.join(timeout=30)
    try:
        assert not frames.is_alive(), "the app blocked on the output queue"
        assert INTERRUPTED.is_set()  # the app polls it: quits as for a SIGHUP
        writer.stop()
        assert not writer.is_alive()
    finally:
        INTERRUPTED.clear()
