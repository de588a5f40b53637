"""A data path that is a /proc or /sys file (here a link to /proc/self/status, as hostile24 tried) reports
size 0 though it holds text, so the load said 'the file is empty' (hostile24, left). It now says what it is
and to copy it to a regular file; a truly empty file still reads 'the file is empty'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux procfs")
def test_a_proc_file_is_not_called_empty(tmp_path: Path) -> None:
    os.symlink("/proc/self/status", tmp_path / "status.csv")
    with pytest.raises(DataError, match=r"its size reads as 0 though it holds bytes \(a /proc or /sys file"):
        load_dataset(tmp_path / "status.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(DataError, match=r"the file is empty$"):
        load_dataset(tmp_path / "empty.csv")
