"""Under a C locale without UTF-8 mode (``LC_ALL=C PYTHONUTF8=0``) Python decodes a non-ASCII file
name from the command line to surrogate escapes, and its stderr wrote them as 'caf\\udcc3\\udca9.csv'.
Messages now name the file as its bytes, as the shell shows it (stdout already did)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "", "TEXTAUDIT_DEBUG": ""}


def _run(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), **_C_LOCALE}
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=tmp_path, env=env, capture_output=True,
                          timeout=300)


def test_a_missing_file_is_named_as_its_bytes(tmp_path: Path) -> None:
    done = _run(["audit", "nosuch_é.csv"], tmp_path)
    assert done.returncode == 1
    assert b"textaudit: error: nosuch_\xc3\xa9.csv: no such file or directory\n" in done.stderr
    assert b"\\udc" not in done.stderr


def test_a_refused_output_is_named_as_its_bytes(tmp_path: Path) -> None:
    data = tmp_path / "café.csv"
    data.write_text("text,label\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(6)))
    (tmp_path / "j.jsonl").write_text("")
    done = _run(["export", "café.csv", "--journal", "j.jsonl", "-o", "café.csv"], tmp_path)
    assert done.returncode == 2
    assert b"--output caf\xc3\xa9.csv is the input file" in done.stderr
    assert data.read_text().startswith("text,label\n")
