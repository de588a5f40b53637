"""browse and demo without a terminal (a pipe, nohup, cron) refuse in one line instead of waiting
for keys that never come; textual-serve's app processes (TEXTUAL_DRIVER) still run."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(argv: list[str], tmp_path: Path, stdin) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TEXTUAL_DRIVER", None)
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=tmp_path, env=env, stdin=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.parametrize("command", ["demo", "browse"])
def test_the_tui_without_a_terminal_for_keys_says_so_and_exits_2(command, tmp_path):
    """`textaudit demo < /dev/null` (or under nohup, in a pipe) ran until killed."""
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(20)))
    argv = ["demo"] if command == "demo" else ["browse", str(data), "--model", "tfidf"]
    done = _run(argv, tmp_path, subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "textaudit: error: the TUI needs a terminal, and stdin is not one (a pipe, a file, nohup?); run it "
        "in a terminal (tmux keeps it over SSH), or use 'textaudit audit' for a report"]
    assert not (tmp_path / "d.corrections.jsonl.lock").exists() and not (tmp_path / "demo.corrections.jsonl").exists()


def test_the_tui_drawing_into_a_file_says_so(tmp_path):
    """Keys from a terminal, but stderr (where Textual draws) redirected: nothing to see."""
    main_fd, child_fd = pty.openpty()
    try:
        done = _run(["demo"], tmp_path, child_fd)
    finally:
        os.close(main_fd)
        os.close(child_fd)
    assert done.returncode == 2
    assert "and stderr is not one" in done.stderr


def test_a_driver_named_by_textual_driver_needs_no_terminal(monkeypatch):
    from tui.launch import terminal_problem

    monkeypatch.setattr(sys, "__stdin__", None)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert terminal_problem() == "stdin"  # fd 0 closed: sys.__stdin__ is None
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")  # textual-serve's
    assert terminal_problem() is None


def test_the_refusal_comes_before_the_app_is_imported(tmp_path):
    """No terminal: the one line comes without importing the app and its screens first (tui/launch.py)."""
    code = ("import sys; from tui.cli import main; code = main(['demo']); "
            "print(code, 'tui.app' in sys.modules)")
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    env.pop("TEXTUAL_DRIVER", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False"], done.stderr
