"""A data file whose bytes are another format than its extension says: a gzip or an Excel workbook
saved as .csv, a Parquet file named .csv, a CSV named .parquet, .jsonl or .json, JSON Lines named
.csv. Each was refused, but in words that did not say what the file was ('looks like a binary file,
not csv text'; 'cannot parse as parquet: Parquet magic bytes not found'; 'not valid JSON on line 1';
JSON Lines as .csv: 'no text column 'text' (columns: {"text": "a", ' "label": "x"}')'). The one
line now says what the file holds and the fix (s22 hostile22)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import pandas as pd
import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = [{"text": f"row {i} says {'yes' if i % 2 else 'no'}", "label": "ab"[i % 2]} for i in range(8)]
CSV = pd.DataFrame(ROWS).to_csv(index=False).encode()
JSONL = "".join(json.dumps(row) + "\n" for row in ROWS).encode()


def _parquet() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(ROWS).to_parquet(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, body, said", [
    ("d.csv", gzip.compress(CSV), "(it is gzip-compressed data: decompress it first (gunzip -c d.csv > data.csv))"),
    ("d.csv", _xlsx(), "(it is an Excel workbook (.xlsx) under another name: save the sheet as CSV (UTF-8)"),
    ("d.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "(it is an Excel workbook (.xls): save the sheet as CSV"),
    ("d.tsv", _parquet(), "(it is a Parquet file: rename it to .parquet)"),
    ("d.parquet", CSV, "(its first line is comma-separated: rename it to .csv)"),
    ("d.jsonl", CSV, "not valid JSON on line 1: Expecting value (column 1) (its first line is comma-separated: rename it to .csv)"),
    ("d.json", CSV, "(its first line is comma-separated: rename it to .csv)"),
    ("d.csv", JSONL, "d.csv: holds JSON (its first line starts with '{'), not csv: rename it to .jsonl"),
], ids=["gzip-as-csv", "xlsx-as-csv", "xls-as-csv", "parquet-as-tsv", "csv-as-parquet", "csv-as-jsonl", "csv-as-json",
        "jsonl-as-csv"])
def test_the_line_says_what_the_file_holds(tmp_path, name, body, said):
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert said in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("name, body", [("d.parquet", _parquet()), ("d.csv", CSV), ("d.jsonl", JSONL)],
                         ids=["parquet", "csv", "jsonl"])
def test_files_that_are_what_they_say_still_load(tmp_path, name, body):
    path = tmp_path / name
    path.write_bytes(body)
    assert len(load_dataset(path)) == len(ROWS)


def test_a_broken_jsonl_gets_no_rename_hint(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(JSONL + b'{"text": "cut off\n')
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert "rename" not in str(raised.value)
