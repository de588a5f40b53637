"""A file name's C1 control bytes (0x80-0x9f, 0x9b being CSI on an 8-bit terminal) are escaped on the
terminal as the characters U+0080-U+009F are: Python reads such a byte from the command line as a
surrogate escape (``\\udc9b``), which ``shell_safe`` let through, and since stdout and stderr write
surrogate escapes back as their bytes, 'wrote 60 rows to out<0x9b>2J.csv' reached the terminal raw."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.cli import shell_safe


def test_surrogate_escaped_c1_bytes_are_escaped_as_the_characters_are() -> None:
    assert shell_safe("out\udc9b2J.csv") == "out$'\\x9b'2J.csv"  # the byte, quoted as bash does (fix39c)
    assert shell_safe("out\x9b2J.csv") == "out\\x9b2J.csv"  # the character U+009B (UTF-8 c2 9b)
    assert shell_safe("caf\udcc3\udca9.csv") == "caf\udcc3\udca9.csv"  # a Latin-1/UTF-8 name's bytes stay bytes


def _run(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONUTF8": "1", "PYTHONIOENCODING": "",
           "TEXTAUDIT_DEBUG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=tmp_path, env=env, capture_output=True,
                          timeout=300)


def test_a_csi_byte_in_a_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    missing = _run(["audit", "nosuch\udc9b2J.csv"], tmp_path)
    assert missing.returncode == 1 and b"nosuch$'\\x9b'2J.csv: no such file" in missing.stderr, missing.stderr
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(6)))
    (tmp_path / "j.jsonl").write_text("")
    wrote = _run(["export", "d.csv", "--journal", "j.jsonl", "-o", "out\udc9b2J.csv"], tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    assert (tmp_path / os.fsdecode(b"out\x9b2J.csv")).exists()  # the file itself keeps its name
    assert b"out$'\\x9b'2J.csv" in wrote.stdout, wrote.stdout
    for stream in (missing.stderr, wrote.stdout, wrote.stderr):
        assert b"\x9b" not in stream
