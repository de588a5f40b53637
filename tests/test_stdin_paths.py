"""/dev/stdin, /dev/fd/N (a redirect, a pipe, bash's <(...)) as the data path: one line saying textaudit reads named
files, exit 2; a descriptor open on a named file names it. 'audit /dev/stdin < d.csv' was told "unknown file type
'(none)' ... rename it to .csv" (review35)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("command", [["audit"], ["export", "-o", "o.csv"]])
def test_a_descriptor_on_a_file_names_the_file(tmp_path: Path, monkeypatch, capsys, command) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\nhello there,a\nbye now,b\nhi again,a\nsee you,b\n")
    fd = os.open(data, os.O_RDONLY)
    try:
        assert main([command[0], f"/dev/fd/{fd}", *command[1:]]) == 2
    finally:
        os.close(fd)
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"textaudit: error: /dev/fd/{fd}: is standard input or an open descriptor, here the file "
                          f"{data}") and "rename" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]


def test_a_pipe_is_refused_in_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    read, write = os.pipe()
    try:
        assert main(["audit", f"/dev/fd/{read}"]) == 2
    finally:
        os.close(read)
        os.close(write)
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "textaudit does not read data from stdin, a pipe or <(...); save it to a file" in err, err


@pytest.mark.parametrize("args", [["export", "d.csv", "-o", "/dev/stdout", "--format", "csv"],
                                  ["audit", "d.csv", "--issues-out", "/dev/fd/1"]])
def test_stdout_as_an_output_is_refused_as_dash_is(tmp_path: Path, monkeypatch, capsys, args) -> None:
    """'-o /dev/stdout' said 'is a symbolic link; ... (give the real path)', '--issues-out /dev/fd/1' 'unknown
    extension'; before any work is done."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\nhello there,a\nbye now,b\nhi again,a\nsee you,b\n")
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("textaudit does not write to stdout or a stream; give a file name"), err
