"""The commands the CLI's hints print name the file quoted for the shell: 'textaudit data (1).csv' (a browser's
second download) was told 'textaudit browse data (1).csv', a syntax error pasted, and a name holding '>' would
have the shell empty the file after it; the compressed-file and zip hints printed the name bare too (diff39)."""

from __future__ import annotations

import gzip
import re
import shlex
import zipfile
from pathlib import Path

import pytest

from tui.cli import main

NAME = "data (1)>b.csv"


def _hint(capsys, pattern: str) -> str:
    said = capsys.readouterr().err
    found = re.search(pattern, said)
    assert found, said
    return found.group(1)


def test_unknown_command_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([NAME]) == 2
    assert shlex.split(_hint(capsys, r"to open a dataset: (textaudit browse .*?) \(commands")) == [
        "textaudit", "browse", NAME]


@pytest.mark.parametrize("suffix, packed", [(".gz", gzip.compress(b"text,label\nhi,a\n", mtime=0)), (".zip", None)])
def test_compressed_and_zip_hints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, suffix: str,
                                  packed: bytes | None) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    name = NAME + suffix if packed else NAME  # a zip under a .csv name: 'it is a zip archive'
    if packed:
        (tmp_path / name).write_bytes(packed)
    else:
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr("d.csv", "text,label\nhi,a\n")
    assert main(["audit", name]) != 0
    command = _hint(capsys, r"\(((?:gunzip|unzip) .*?)\)+\s*$")
    assert shlex.split(command)[1:] == [name], command
