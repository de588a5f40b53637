"""A CSV header that repeats a name ('text,label,text') or leaves one empty, exported to a format
whose column names must differ (JSONL keys, Parquet/hf fields): the column was written as 'text.1'
or 'Unnamed: 1' and nothing said so (s15 hostile). The export now says which names it wrote; a
CSV/TSV export keeps the header as spelled and says nothing."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main


def _export(tmp_path: Path, header: str, out: str, capsys) -> str:
    data, journal = tmp_path / "d.csv", tmp_path / "j.jsonl"
    data.write_text(f"{header}\nhello,a,x\nbye,b,y\n")
    journal.write_text("")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / out), "--force"]) == 0
    return capsys.readouterr().err


def test_a_repeated_name_written_under_another_is_said(tmp_path: Path, capsys) -> None:
    err = _export(tmp_path, "text,label,text", "out.jsonl", capsys)
    assert "wrote 'text' as 'text.1'" in err, err
    assert (tmp_path / "out.jsonl").read_text().splitlines()[0] == '{"text":"hello","label":"a","text.1":"x"}'
    assert "wrote ''" in _export(tmp_path, "text,label,", "out.parquet", capsys)


def test_csv_keeps_the_header_and_says_nothing(tmp_path: Path, capsys) -> None:
    err = _export(tmp_path, "text,label,text", "out.csv", capsys)
    assert "header" not in err, err
    assert (tmp_path / "out.csv").read_text().splitlines()[0] == "text,label,text"
