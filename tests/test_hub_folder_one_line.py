"""hf:FOLDER whose data file datasets cannot read printed datasets' own log line ('Failed to read file
... with error <class 'UnicodeDecodeError'>') above textaudit's error, which says the same (hostile24):
two lines where README promises one. datasets' logging is quiet during the load, and restored after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from engine.errors import DataError
from engine.hub import read_hub

TEXTAUDIT = Path(sys.executable).with_name("textaudit")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "train.csv").write_bytes("text,label\ncaf\u00e9 au lait,a\nth\u00e9 vert,b\n".encode("latin-1"))
    return folder


@pytest.mark.skipif(not TEXTAUDIT.exists(), reason="the textaudit command is not installed beside this Python")
def test_a_folder_datasets_cannot_read_gives_one_line(tmp_path):
    _folder(tmp_path)
    done = subprocess.run([str(TEXTAUDIT), "audit", "hf:./folder", "--model", "tfidf", "--no-cache"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stderr.splitlines() if not line.startswith("[")]  # progress lines aside
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert lines[0].startswith("textaudit: error: hf:./folder: cannot load the folder folder:")


def test_datasets_logging_is_restored(tmp_path, monkeypatch):
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = datasets.logging.get_verbosity()
    with pytest.raises(DataError, match="can't decode byte 0xe9"):
        read_hub("./folder")
    assert datasets.logging.get_verbosity() == before
