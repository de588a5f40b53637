"""The real app (``textaudit browse`` on a small CSV) on a pty the test controls, as a login's shell has it."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def set_size(fd: int, rows: int, columns: int) -> None:
    """The terminal's size in character cells."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def spawn_app(tmp_path: Path, child_fd: int, hangup_action: Any = signal.SIG_DFL,
              environ: dict[str, str] | None = None) -> subprocess.Popen:
    """``textaudit browse`` on a 40-row CSV in ``tmp_path``, the pty side ``child_fd`` its controlling
    terminal and its stdin, stdout and stderr (the caller closes its own copy), SIGHUP set to
    ``hangup_action``, in ``environ`` (default: this process's environment)."""
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i} about {'ab'[i % 2]},{'ab'[i % 2]}\n" for i in range(40)))

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        signal.signal(signal.SIGHUP, hangup_action)

    env = {**(os.environ if environ is None else environ), "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"),
           "TERM": "xterm-256color", "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("TEXTUAL_DRIVER", None)
    return subprocess.Popen([sys.executable, "-m", "tui.cli", "browse", str(data), "--model", "tfidf"],
                            cwd=tmp_path, env=env, stdin=child_fd, stdout=child_fd, stderr=child_fd,
                            start_new_session=True, preexec_fn=controlling_terminal)
