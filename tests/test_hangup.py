"""The SIGHUP of a dropped SSH session ends ``audit`` as SIGTERM does: cleanup, one line, exit 130
(it killed the process outright, hostile19). A SIGHUP that ``nohup`` ignores stays ignored: the
run completes."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from test_faults import REPO, _csv, assert_cache_consistent

from engine.errors import EXIT_CANCELLED

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")


def _audit_then_hangup(tmp_path, hangup_action, rows: int = 400) -> subprocess.CompletedProcess:
    data, root = _csv(tmp_path, rows), tmp_path / "cache"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "audit", str(data), "--cache-dir", str(root)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, hangup_action),  # as a login shell's child has it
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.rstrip().endswith("] embed"):
            process.send_signal(signal.SIGHUP)
            break
    out, rest = process.communicate(timeout=300)  # a guard against a hang, not a speed goal
    assert_cache_consistent(root)
    return subprocess.CompletedProcess(process.args, process.returncode, out, "".join(seen) + rest)


def test_a_hangup_mid_audit_ends_it_with_one_line(tmp_path):
    done = _audit_then_hangup(tmp_path, signal.SIG_DFL)
    assert done.returncode == EXIT_CANCELLED, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("textaudit:")]  # and what is cached (99d67b3)
    assert len(said) == 1 and said[0].startswith("textaudit: interrupted"), said
    assert done.stdout == ""


def test_a_hangup_nohup_ignores_lets_the_audit_finish(tmp_path):
    done = _audit_then_hangup(tmp_path, signal.SIG_IGN, rows=100)  # the whole audit runs: a small one
    assert done.returncode == 0, done.stderr
    assert "Issues found" in done.stdout
