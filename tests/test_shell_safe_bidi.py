"""Bidi overrides in a file name never reach the terminal raw (review37): ``shell_safe`` escaped control
characters only, so ``x<U+202E>gpj.csv`` printed as itself in 'no such file', 'Dataset:' and 'wrote N rows to'
lines, and a bidi-aware terminal drew the rest of the line backwards (``xvsc.jpg``). They are named as the app's
title and the report's class names name them: ``x⟨RLO⟩gpj.csv``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.cli import report_safe, shell_safe

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_named_in_lines_and_reports() -> None:
    assert shell_safe("x\u202egpj.csv: no such file") == "x\u27e8RLO\u27e9gpj.csv: no such file"
    assert report_safe("Dataset: a\u2067b\u2069.csv\n\tnext") == "Dataset: a\u27e8RLI\u27e9b\u27e8PDI\u27e9.csv\n\tnext"
    assert not set(shell_safe(_BIDI)) & set(_BIDI)
    assert shell_safe("\u05e9\u05dc\u05d5\u05dd \u200f.csv") == "\u05e9\u05dc\u05d5\u05dd \u200f.csv"  # Hebrew and RLM stay


def test_a_missing_file_named_with_an_override_is_said_with_it_named(tmp_path: Path) -> None:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONUTF8": "1", "TEXTAUDIT_DEBUG": ""}
    done = subprocess.run([sys.executable, "-m", "tui.cli", "audit", "x\u202egpj.csv"], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr
    # the path as one shell word (engine/paths.shell_word, fix42a): the override's bytes, to paste back exactly
    assert "x$'\\xe2\\x80\\xae'gpj.csv: no such file".encode() in done.stderr, done.stderr
    assert "\u202e".encode() not in done.stderr + done.stdout
