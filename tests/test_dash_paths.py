"""'-' as a path (the shell's name for stdin/stdout): 'audit -' said '-: no such file or
directory', and 'export d.csv -o - --format csv' wrote a file named '-', exit 0. Now one line
saying textaudit reads and writes named files, exit 2, nothing written; ./- still names a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "d.csv"
    path.write_text("text,label\nhello there,a\nbye now,b\nhi again,a\nsee you,b\n")
    return path


@pytest.mark.parametrize("args,needle", [
    (["audit", "-"], "-: textaudit does not read data from stdin; save it to a file"),
    (["export", "-", "-o", "o.csv"], "-: textaudit does not read data from stdin"),
    (["export", "d.csv", "-o", "-", "--format", "csv"], "--output -: textaudit does not write to stdout"),
    (["audit", "d.csv", "--issues-out", "-"], "--issues-out -: textaudit does not write to stdout"),
    (["audit", "d.csv", "--pred-probs", "-"], "--pred-probs -: textaudit does not take stdin or stdout"),
    (["export", "d.csv", "-o", "o.csv", "--journal", "-"], "--journal -: textaudit does not take stdin"),
])
def test_a_dash_is_one_line_exit_2(data: Path, capsys, args: list[str], needle: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"textaudit: error: {needle}") and len(err.splitlines()) == 1, err
    assert sorted(p.name for p in data.parent.iterdir()) == ["d.csv"]  # no file named '-', no output


def test_a_file_named_dash_is_read_as_dot_slash_dash(data: Path, capsys) -> None:
    (data.parent / "d.corrections.jsonl").write_text("")  # an empty journal: written as is
    assert main(["export", "d.csv", "-o", "./-", "--format", "csv"]) == 0
    assert (data.parent / "-").read_text() == data.read_text()


def test_a_file_whose_name_starts_with_a_dash_is_named_in_the_error(data: Path, capsys) -> None:
    """'export -data.csv -o ...' said only 'unrecognized arguments: -data.csv; the following arguments are
    required: data' (hostile30), though the file is there; the line now says how to give it."""
    (data.parent / "-data.csv").write_bytes(data.read_bytes())
    assert main(["export", "-data.csv", "-o", "o.csv"]) == 2
    assert "a file named -data.csv is here: give it as ./-data.csv" in capsys.readouterr().err
    assert not (data.parent / "o.csv").exists()
    assert main(["audit", "-nothing.csv"]) == 2  # no such file: the line as before
    assert "is here" not in capsys.readouterr().err
