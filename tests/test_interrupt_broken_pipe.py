"""The third Ctrl+C ends textaudit with exit 130 even where stderr is a pipe whose reader is gone.

``textaudit audit ... 2>&1 | head``: Ctrl+C ends head too, so the line the third signal writes
('textaudit: interrupted again; stopped at once', bd60ee9) raised BrokenPipeError inside the signal
handler, and the process went on running instead of exiting 130 (diff42).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from tui.interrupts import handled_interrupts
r, w = os.pipe(); os.close(r); os.dup2(w, 2)  # stderr: a pipe with no reader
with handled_interrupts():
    for _ in range(3):
        try:
            signal.raise_signal(signal.SIGINT)  # its handler runs before this returns
        except BaseException:
            pass
os.write(1, b"still running after three signals\\n")
sys.exit(0)
"""


def test_the_third_interrupt_exits_130_with_stderr_a_broken_pipe() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], capture_output=True, timeout=60)
    assert done.returncode == 130, (done.returncode, done.stdout)
    assert b"still running" not in done.stdout
