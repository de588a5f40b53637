"""The app's terminal going away (a dropped SSH session, a closed tmux pane): the app quits as a
SIGTERM makes it (an audit in it cancelled with its finished chunks cached, exit 130), never killed
outright nor left running as an orphan.

Before: SIGHUP killed it at once (an in-app audit lost every vector it had embedded: AG News, 2,658
texts after 57 s, none cached); with SIGHUP ignored it ran on, its input thread spinning on
end-of-file; and a frame drawn after the hangup killed Textual's output thread (EIO), so the next
one waited forever for room in its queue (the output thread itself: test_tui_nonblocking_terminal).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest
from pty_app import set_size, spawn_app

from engine.errors import EXIT_CANCELLED

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP or ptys on this platform")


def _app_in_a_terminal(tmp_path: Path, hangup_action) -> tuple[subprocess.Popen, int]:
    """The app on a 24 x 80 pty it controls; returns the process and the pty's main side."""
    main_fd, child_fd = pty.openpty()
    set_size(child_fd, 24, 80)
    process = spawn_app(tmp_path, child_fd, hangup_action)
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

