"""A data file whose name starts with '-' and a short option's letter ('-out.csv': argparse reads '-o ut.csv')
is named in the error too, as one whose name is an unknown option is (1ba8258; review30): 'export -out.csv'
said only 'the following arguments are required: data'."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main


def test_a_dash_file_read_as_a_short_option_and_its_value_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-out.csv").write_text("text,label\nhello there,a\nbye now,b\n")
    assert main(["export", "-out.csv"]) == 2
    assert "a file named -out.csv is here: give it as ./-out.csv" in capsys.readouterr().err
    assert not Path("ut.csv").exists()
    assert main(["export", "-o", "x.csv"]) == 2  # no file named so: the line as before
    assert "is here" not in capsys.readouterr().err
