"""A data file that ends in the middle of a character (a download or copy cut off) says so (hostile40).
It was told to pass the encoding it was read with: 'not valid utf-8 (byte 0xc3 at offset 38, line 5); pass
--encoding utf-8 or the file's real encoding', and a UTF-16LE file without a BOM under --encoding utf-16-le
'it looks like UTF-16 text without a BOM: pass --encoding utf-16-le'."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EXIT_DATA, TextauditError
from engine.load import load_dataset
from test_hostile_inputs import assert_one_error_line
from tui.cli import main

ROWS = "text,label\nmy card café,a\nthe pin,b\nmy card again,a\n"

CASES = [  # name, bytes, --encoding, what the line names
    ("d.csv", (ROWS + "x €").encode()[:-1], "utf-8", "its last 2 bytes (e2 82, line 5) are the start of a utf-8"),
    ("d.csv", (ROWS + "x é").encode()[:-1], "utf-8", "its last byte (c3, line 5) is the start of a utf-8"),
    ("d.jsonl", '{"text": "my card", "label": "a"}\n{"text": "the pin", "label": "b"}\n{"text": "café'.encode()[:-1],
     "utf-8", "is the start of a utf-8"),
    ("d.csv", ROWS.encode("utf-16")[:-1], "utf-16", "its last byte (0a, line 4) is the start of a utf-16"),
    ("d.tsv", ROWS.replace(",", "\t").encode("utf-16-le")[:-1], "utf-16-le", "is the start of a utf-16-le"),
    ("d.csv", (ROWS.replace("é", "e") + "x 髙").encode("cp932")[:-1], "cp932", "is the start of a cp932"),
]


def _refused(path: Path, capsys, needle: str, encoding: str | None = None) -> str:
    """load_dataset's refusal of ``path`` (exit EXIT_DATA): its message; ``textaudit audit`` on it (--model tfidf)
    exits EXIT_DATA with one error line holding ``needle``."""
    options = {"encoding": encoding} if encoding else {}
    with pytest.raises(TextauditError) as caught:
        load_dataset(path, **options)
    assert caught.value.exit_code == EXIT_DATA
    assert main(["audit", str(path), "--model", "tfidf", *(["--encoding", encoding] if encoding else [])]) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, needle)
    return caught.value.message


@pytest.mark.parametrize(("name", "data", "encoding", "needle"), CASES, ids=[f"{c[2]}-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_file_cut_off_mid_character_says_so(tmp_path: Path, capsys, name: str, data: bytes, encoding: str,
                                              needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    message = _refused(path, capsys, "the file looks cut off (an interrupted download or copy)", encoding)
    assert "ends in the middle of a character" in message and needle in message
    assert f"--encoding {encoding}" not in message  # never the encoding it was read with


def test_a_bad_byte_before_the_end_is_still_an_encoding_line(tmp_path: Path) -> None:
    """Only the file's last 1-3 bytes starting a character are a cut: a Latin-1 byte inside is the old line."""
    path = tmp_path / "d.csv"
    path.write_bytes(ROWS.encode("latin-1") + b"x,a\n")
    with pytest.raises(TextauditError, match=r"not valid utf-8 \(byte 0xe9 .*pass --encoding") as caught:
        load_dataset(path)
    assert "cut off" not in caught.value.message


CUT = "the file looks cut off (an interrupted download or copy)"
WHOLE = "text,label\nmy card is lost,card_lost\nlink my card,card_linking\nlost it again,card_lost\nlink it,card_linking\n"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_last_label_cut_short_is_said_on_load_and_export(tmp_path: Path, capsys, fmt: str) -> None:
    """A CSV cut mid-label ('... link it again,card_li', no line break) was audited and exported with
    'card_li' a class of one row, without a word."""
    body = WHOLE + "link it again,card_li"
    path = tmp_path / f"d.{fmt}"
    path.write_text(body.replace(",", "\t") if fmt == "tsv" else body)
    notes = [w for w in load_dataset(path).warnings if CUT in w]
    assert notes == ["the file's last line has no line break and holds the only row of label 'card_li', the start of "
                     "'card_linking': the file looks cut off (an interrupted download or copy); get the whole file again"]
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    assert main(["export", str(path), "--journal", str(journal), "-o", str(tmp_path / f"o.{fmt}")]) == 0
    assert CUT in capsys.readouterr().err
    assert (tmp_path / f"o.{fmt}").read_bytes() == path.read_bytes()  # written as it is, exactly


@pytest.mark.parametrize("tail", [
    "link it again,card_li\n",  # a line break after it: written whole
    "link it again,card_linking",  # a whole label, no line break (many writers end no file in one)
    "link it again,card_lost",
    "link it again,card",  # 'card' holds two rows: a class of the data, not a cut
])
def test_no_note_for_a_whole_last_row(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(WHOLE + ("again my card,card\n" if tail.endswith(",card") else "") + tail)
    assert not [w for w in load_dataset(path).warnings if CUT in w]


@pytest.mark.parametrize(("body", "line"), [
    ('text,label\nmy card,a\n"a text with\na line break",b\n"the last text, cut', 5),  # a download cut mid-text
    ('text,label\n"hello, world,a\nbye,b\nagain,a\n', 2),  # a closing quote missing
    ('text,label\r\nsay 5" nails,a\r\n"open\r\n', 3),  # a quote inside a field is data; the one at a field's start opens
])
def test_a_quoted_field_that_never_closes_names_its_line(tmp_path: Path, capsys, body: str, line: int) -> None:
    """It was pandas' 'cannot parse as csv: Error tokenizing data. C error: EOF inside string starting at row 3'
    (a row number counted otherwise than the file's lines, and no word of why)."""
    path = tmp_path / "d.csv"
    path.write_text(body, newline="")
    assert _refused(path, capsys, f"line {line} opens a quoted field that no quote closes") == (
        f"{path}: cannot parse as csv: line {line} opens a quoted field that no quote closes, so it runs to the end of "
        "the file (a closing quote missing, or the file cut off: an interrupted download or copy)")


def test_a_parquet_file_cut_off_says_so(tmp_path: Path, capsys) -> None:
    """It was pyarrow's 'cannot parse as parquet: Parquet magic bytes not found in footer. Either the file is
    corrupted or this is not a parquet file.' for a file that begins as Parquet and lost its end."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    whole = tmp_path / "whole.parquet"
    pq.write_table(pa.table({"text": [f"text {i}" for i in range(50)], "label": ["a", "b"] * 25}), whole)
    path = tmp_path / "d.parquet"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert _refused(path, capsys, "the file looks cut off") == (
        f"{path}: starts as a Parquet file but does not end as one (its footer, which says where the columns are, "
        "is missing): the file looks cut off (an interrupted download or copy); get the whole file again")
    path.write_bytes(b"not parquet at all")  # no Parquet start: the reader's own line, as before
    with pytest.raises(TextauditError, match="cannot parse as parquet") as caught:
        load_dataset(path)
    assert "cut off" not in caught.value.message
