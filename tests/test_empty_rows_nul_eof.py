"""A CSV/TSV ending in DOS' end-of-file mark (Ctrl+Z, \\x1a) or padded with NUL bytes (a crash) reads as
one more row, its text that mark and its label empty: the load said only '1 row has an empty label (row
12, counted from 0)', one past the rows the user sees in the file. The line now says what that row
holds (s22 hostile22)."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = "".join(f"row {i} text,{'ab'[i % 2]}\n" for i in range(6))


def _message(tmp_path, body: bytes, name: str = "d.csv") -> str:
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return caught.value.message


@pytest.mark.parametrize("tail", [b"\x1a", b"\x00\x00\x00\x00", b"\x00\x1a\r\n"])
def test_a_mark_at_the_end_is_named(tmp_path, tail):
    said = _message(tmp_path, b"text,label\n" + ROWS.encode() + tail)
    assert "(row 6, counted from 0); fill or drop them first; that row holds nothing but NUL bytes or DOS' " \
           "end-of-file mark (\\x1a) (a file padded with NULs after a crash, " in said
    assert said.endswith(": delete it")


def test_tsv_too(tmp_path):
    said = _message(tmp_path, b"text\tlabel\n" + ROWS.replace(",", "\t").encode() + b"\x1a", "d.tsv")
    assert "that row holds nothing but NUL bytes" in said


def test_a_row_with_a_text_and_the_mark_gets_no_such_words(tmp_path):
    said = _message(tmp_path, b"text,label\n" + ROWS.encode() + b"x\x1a\n")
    assert "(row 6, counted from 0); fill or drop them first" in said and "NUL" not in said
    assert said.endswith("; line 8 of the file has 1 field where the header has 2: a field is missing there, not "
                         "empty")  # the row lacks its label's field (review35)


def test_lines_of_commas_keep_their_words(tmp_path):
    said = _message(tmp_path, b"text,label\n" + ROWS.encode() + b",\n")
    assert said.endswith("every cell of that row is empty (lines of separators only, as a spreadsheet saves its "
                         "empty rows): delete it")
