"""A file the encoding cannot read: the error line names the real offset of the first bad byte (and
its line), and suggests an encoding judged where that byte is.

pandas' CSV reader decodes in chunks and its UnicodeDecodeError counts from the chunk: a CSV with one
Latin-1 byte at offset 738,904 was said to have it 'at offset 214616'; past the first 4 MiB (all the
encoding guess read), a UTF-8 file with one Latin-1 byte was told 'not valid utf-8 (...); pass
--encoding utf-8' (hostile23)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset


def _csv(path: Path, rows: int, bad_row: int, bad: bytes = b"caf\xe9 ") -> int:
    """A UTF-8 CSV whose row ``bad_row`` holds ``bad``; returns the offset of its first non-UTF-8 byte."""
    lines = ["text,label"] + [f"row number {i} says hello world,{'ab'[i % 2]}" for i in range(rows)]
    data = ("\n".join(lines) + "\n").encode()
    at = data.index(f"row number {bad_row} ".encode())
    path.write_bytes(data[:at] + bad + data[at:])
    return at + 3


def _said(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return caught.value.message


def test_a_csv_names_the_real_offset_and_line(tmp_path: Path) -> None:
    data = tmp_path / "late.csv"
    at = _csv(data, 30_000, 25_000)
    said = _said(data)
    assert f"(byte 0xe9 at offset {at}, line 25002)" in said, said


def test_past_the_first_4_mib_the_guess_is_not_the_encoding_that_failed(tmp_path: Path) -> None:
    data = tmp_path / "late5m.csv"
    at = _csv(data, 160_000, 150_000)
    assert at > 1 << 22
    said = _said(data)
    assert re.search(r"not valid utf-8 \(byte 0xe9 at offset \d+, line \d+\); pass --encoding latin-1 ", said), said
    assert f"offset {at}," in said and "pass --encoding utf-8" not in said


def test_json_lines_too(tmp_path: Path) -> None:
    data = tmp_path / "late.jsonl"
    lines = [json.dumps({"text": f"row number {i} says hello", "label": "ab"[i % 2]}) for i in range(30_000)]
    raw = ("\n".join(lines) + "\n").encode()
    at = raw.index(b"row number 25000 ")
    data.write_bytes(raw[:at] + b"caf\xe9 " + raw[at:])
    assert f"(byte 0xe9 at offset {at + 3}, line 25001)" in _said(data)


def test_a_character_cut_by_the_read_is_counted_from_the_file(tmp_path: Path) -> None:
    """A UTF-8 character across the 1 MiB read boundary, then a bad byte: the offset is the file's."""
    from engine.text_encoding import first_undecodable

    data = tmp_path / "cut.csv"
    head = b"text,label\n" + b"x" * ((1 << 20) - 12) + "é".encode()  # 'é' takes bytes 2**20 - 1 and 2**20
    assert len(head) == (1 << 20) + 1
    data.write_bytes(head + b"\nabc \xff def,a\n")
    assert first_undecodable(data, "utf-8") == (len(head) + 5, 0xFF, 3)
    assert first_undecodable(data, "latin-1") is None
