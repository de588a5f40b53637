"""A UTF-32 file read without --encoding: its little-endian BOM starts with UTF-16's, so the error
said 'pass --encoding utf-16' (which reads it as NUL-filled nonsense: 'looks like a binary file');
a big-endian one was 'a binary file' with no hint; a .txt of it was told '--encoding utf-16'. Each
now names utf-32, and the file then loads and exports byte for byte."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError, UsageError
from engine.export import export_corrected
from engine.load import load_dataset

BODY = "text,label\r\n" + "".join(f"sample text {i},{'ab'[i % 2]}\r\n" for i in range(6))


@pytest.mark.parametrize("data", [BODY.encode("utf-32"), codecs.BOM_UTF32_BE + BODY.encode("utf-32-be")],
                         ids=["little-endian", "big-endian"])
def test_a_utf32_file_is_told_utf32(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    with pytest.raises(DataError, match="pass --encoding utf-32 "):
        load_dataset(source)
    dataset = load_dataset(source, encoding="utf-32")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset):
        pass
    export_corrected(dataset, journal, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == data


def test_a_utf32_txt_is_told_utf32(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(BODY.replace(",", "\t").encode("utf-32"))
    with pytest.raises(UsageError, match="rename it to .tsv, and pass --encoding utf-32"):
        load_dataset(source)
