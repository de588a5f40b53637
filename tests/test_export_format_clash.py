"""``export -o fixed.csv --format parquet``: refused (exit 2), not Parquet bytes in a .csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


def _data_and_journal(tmp_path: Path, monkeypatch) -> None:
    """A two-row d.csv and its empty journal in the working folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\na,x\nb,y\n")
    (tmp_path / "d.corrections.jsonl").write_text("")


def _refused_in_one_line(capsys, args: list[str], says: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("textaudit: error: ") and says in err[0], err


@pytest.mark.parametrize(("name", "fmt", "says"), [
    ("fixed.csv", "parquet", "--format parquet but fixed.csv names a csv file; drop --format or give the output a "
                             ".parquet name"),
    ("fixed.json", "jsonl", "--format jsonl but fixed.json names a json file"),
    ("fixed.parquet", "hf", "give the output a folder name without a file extension"),
])
def test_a_format_the_extension_contradicts_is_refused(tmp_path: Path, monkeypatch, capsys, name, fmt, says) -> None:
    _data_and_journal(tmp_path, monkeypatch)
    _refused_in_one_line(capsys, ["export", "d.csv", "-o", name, "--format", fmt], says)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("name", "fmt"), [("fixed.dat", "csv"), ("fixed.pq", "parquet"), ("fixed.ndjson", "jsonl"),
                                           ("fixed.CSV", "csv"), ("hfdir", "hf")])
def test_an_agreeing_or_unknown_extension_is_written(tmp_path: Path, monkeypatch, capsys, name, fmt) -> None:
    _data_and_journal(tmp_path, monkeypatch)
    assert main(["export", "d.csv", "-o", name, "--format", fmt]) == 0
    assert (tmp_path / name).exists()


@pytest.mark.parametrize(("name", "fmt", "says"), [
    ("fixed.csv.gz", "csv", "fixed.csv.gz: textaudit writes uncompressed files; write fixed.csv and compress it "
                            "after: gzip fixed.csv"),
    ("fixed.jsonl.zst", "auto", "write fixed.jsonl and compress it after: zstd fixed.jsonl"),
    ("fixed.parquet.XZ", "parquet", "write fixed.parquet and compress it after: xz fixed.parquet"),
    ("fixed.zip", "csv", "give the output a name such as fixed.csv, and compress it after if you need to (zip)"),
])
def test_a_compressed_name_is_refused_not_written_plain(tmp_path: Path, monkeypatch, capsys, name, fmt, says) -> None:
    """``-o out.csv.gz --format csv`` wrote uncompressed CSV under a gzip name, with nothing said."""
    _data_and_journal(tmp_path, monkeypatch)
    _refused_in_one_line(capsys, ["export", "d.csv", "-o", name, "--format", fmt], says)
    assert not (tmp_path / name).exists()


def test_the_api_refuses_a_compressed_name_too(tmp_path: Path) -> None:
    from engine.errors import UsageError
    from engine.export import resolve_format

    with pytest.raises(UsageError, match="writes uncompressed files"):
        resolve_format(tmp_path / "out.tsv.bz2", "tsv")
    assert resolve_format(tmp_path / "out.tsv", "auto") == "tsv"
