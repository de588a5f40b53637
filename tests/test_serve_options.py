"""``serve`` checks the audit options as browse does, before serving: '--folds 1', a missing
``--pred-probs``, '--issue-types bogus', an unknown ``--device`` or model folder were served
anyway, and every browser tab's audit then failed in the page."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["--folds", "1"], 2, "--folds must be an integer of at least 2"),
    (["--pred-probs", "/nonexistent/p.npy"], 1, "--pred-probs: no such file"),
    (["--issue-types", "bogus"], 2, "unknown issue type bogus"),
    (["--device", "tpu"], 2, "unknown device 'tpu'"),
    (["--model", "/nonexistent/model"], 1, "--model /nonexistent/model: no such folder"),
])
def test_bad_audit_options_are_one_line_before_serving(demo_csv, tmp_path, args, code, needle):
    with socket.socket() as busy:  # without the check: 'port ... already in use', at once
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = subprocess.run([sys.executable, "-m", "tui.cli", "serve", str(demo_csv), "--id-column", "id",
                               "--journal", str(tmp_path / "j.jsonl"), "--port", str(busy.getsockname()[1]), *args],
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == code and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("textaudit: error: ") and needle in done.stderr, done.stderr
