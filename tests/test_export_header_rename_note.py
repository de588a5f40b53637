"""A CSV header that repeats a name ('text,label,text') or leaves one empty, exported to a format
whose column names must differ (JSONL keys, Parquet/hf fields): the column was written as 'text.1'
or 'Unnamed: 1' and nothing said so (s15 hostile). The export now says which names it wrote; a
CSV/TSV export keeps the header as spelled and says nothing; an empty name is kept where the format
holds one (Parquet, JSON, datasets), where it was renamed 'Unnamed: 2' as a name those "cannot hold"."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.load import load_dataset
from tui.cli import main


def _export(tmp_path: Path, header: str, out: str, capsys, fmt: str | None = None) -> str:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text(f"{header}\nhello,a,x\nbye,b,y\n")
    journal.write_text("")
    given = ["--format", fmt] if fmt else []
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / out), "--force", *given]) == 0
    return capsys.readouterr().err


def test_a_repeated_name_written_under_another_is_said(tmp_path: Path, capsys) -> None:
    err = _export(tmp_path, "text,label,text", "out.jsonl", capsys)
    assert "wrote 'text' as 'text.1'" in err, err
    assert (tmp_path / "out.jsonl").read_text().splitlines()[0] == '{"text":"hello","label":"a","text.1":"x"}'
    assert "repeats a column name, which jsonl cannot hold twice" in err, err


@pytest.mark.parametrize("out", ["out.parquet", "out.jsonl", "out.json", "out_hf"])
def test_an_empty_name_is_kept_where_the_format_holds_it(tmp_path: Path, capsys, out: str) -> None:
    """An empty header name was written as 'Unnamed: 2', said as a name the format "cannot hold": Parquet
    fields, JSON keys and a datasets folder's columns hold '' (the load reads it back so)."""
    err = _export(tmp_path, "text,label,", out, capsys, "hf" if out == "out_hf" else None)
    assert "header" not in err, err
    written = load_dataset(tmp_path / out)
    assert list(written.frame.columns) == ["text", "label", ""]
    assert written.frame[""].tolist() == ["x", "y"]


def test_csv_keeps_the_header_and_says_nothing(tmp_path: Path, capsys) -> None:
    err = _export(tmp_path, "text,label,text", "out.csv", capsys)
    assert "header" not in err, err
    assert (tmp_path / "out.csv").read_text().splitlines()[0] == "text,label,text"


@pytest.mark.parametrize("out", ["out.parquet", "out.jsonl"])
def test_two_empty_names_keep_the_first_as_a_repeated_name_does(tmp_path: Path, capsys, out: str) -> None:
    """'text,label,,' wrote both empty columns as 'Unnamed: 2', 'Unnamed: 3', where 'text,label,x,x' keeps
    its first 'x' and writes only the second as 'x.1' (s23 hostile)."""
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text("text,label,,\nhello,a,x,1\nbye,b,y,2\n")
    journal.write_text("")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / out)]) == 0
    err = capsys.readouterr().err
    assert "wrote '' as 'Unnamed: 3'" in err and "Unnamed: 2" not in err, err
    written = load_dataset(tmp_path / out)
    assert list(written.frame.columns) == ["text", "label", "", "Unnamed: 3"]
    assert written.frame[""].tolist() == ["x", "y"]
