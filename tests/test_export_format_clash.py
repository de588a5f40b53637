"""``export -o fixed.csv --format parquet``: refused (exit 2), not Parquet bytes in a .csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize(("name", "fmt", "says"), [
    ("fixed.csv", "parquet", "--format parquet but fixed.csv names a csv file; drop --format or give the output a "
                             ".parquet name"),
    ("fixed.json", "jsonl", "--format jsonl but fixed.json names a json file"),
    ("fixed.parquet", "hf", "give the output a folder name without a file extension"),
])
def test_a_format_the_extension_contradicts_is_refused(tmp_path: Path, monkeypatch, capsys, name, fmt, says) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\na,x\nb,y\n")
    (tmp_path / "d.corrections.jsonl").write_text("")
    assert main(["export", "d.csv", "-o", name, "--format", fmt]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("textaudit: error: ") and says in err[0]
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("name", "fmt"), [("fixed.dat", "csv"), ("fixed.pq", "parquet"), ("fixed.ndjson", "jsonl"),
                                           ("fixed.CSV", "csv"), ("hfdir", "hf")])
def test_an_agreeing_or_unknown_extension_is_written(tmp_path: Path, monkeypatch, capsys, name, fmt) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\na,x\nb,y\n")
    (tmp_path / "d.corrections.jsonl").write_text("")
    assert main(["export", "d.csv", "-o", name, "--format", fmt]) == 0
    assert (tmp_path / name).exists()
