"""The first Ray start happens inside the TUI, where ``sys.stderr`` is Textual's print capture.

Found in tmux (session 14): ``textaudit browse demo.csv --ray`` showed 'Audit failed: --ray: Ray did
not start (RuntimeError: file.fileno() is not a valid file descriptor)'. ``ray.init`` turns on
Python's fault handler on ``sys.stderr``, and Textual's capture answers ``fileno()`` with -1. The
Pilot test of ``browse --ray`` (tests/test_ray.py) did not see it: its module had started Ray
before the app. Here a fresh process starts Ray under the same kind of stream.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("ray", reason="Ray is an optional extra: pip install -e '.[ray]'")
pytest.importorskip("ray.data", reason="Ray Data is an optional extra: pip install -e '.[ray]'")

SCRIPT = textwrap.dedent("""
    import sys

    class Capture:  # what Textual's print capture answers (textual.app._PrintCapture)
        def write(self, text): return len(text)
        def flush(self): pass
        def isatty(self): return True
        def fileno(self): return -1

    try:
        from textual.app import App
        capture = App()._capture_stderr  # the TUI's own stream (private; the stand-in if it moves)
    except AttributeError:
        capture = Capture()
    assert capture.fileno() == -1
    real, sys.stderr = sys.__stdout__, capture
    from engine.distributed import connect, shutdown
    try:
        connect(None, 1)
        real.write("connected\\n")
    except Exception as exc:
        real.write(f"failed: {exc}\\n")
    finally:
        shutdown()
""")


def test_ray_starts_when_stderr_is_textuals_capture():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=240)
    assert done.stdout.strip() == "connected", done.stdout + done.stderr[-2000:]
