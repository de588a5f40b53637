"""A CSV quoted field that never closes names its line (fa99214) also where pandas' 'EOF inside string' came back
(diff40, fix41b): a quote right after a UTF-8 BOM read with the default --encoding utf-8 (pandas skips the BOM, so
the quote opens the first field; the check took the BOM for the cell's first character), and a run ending in an
escaped quote at the file's end ('"say ""hi""' cut there: the check closed the run at 'hi"'). A ';'-separated file
is read with commas: a quote after ';' is data to pandas and to the check alike, and a header without a comma is
told it looks separated by semicolons first."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd
import pytest

from engine.csv_lines import unclosed_quote_line
from test_cut_off_file import _refused

UNCLOSED = "opens a quoted field that no quote closes"


@pytest.mark.parametrize(("data", "line"), [
    (b'\xef\xbb\xbf"text,label\nmy card,a\nthe pin,b\n', 1),  # a BOM, then the header's first field
    (b'\xef\xbb\xbf"text",label\r\nmy card,a\r\n"the pin,b\r\n', 3),
    (b'text,label\nmy card,a\n"say ""hi""', 3),  # cut after an escaped quote
    (b'text,label\n"say ""hi""",a\n"x ""y""\nz,b\n', 3),
    (b'text;label,source\nmy card;a,web\n"cut here;b,app\n', 3),  # ';'-separated, a comma in its header
])
def test_the_line_of_an_unclosed_quote(tmp_path: Path, capsys, data: bytes, line: int) -> None:
    (path := tmp_path / "d.csv").write_bytes(data)
    assert f"line {line} {UNCLOSED}" in _refused(path, capsys, f"line {line} {UNCLOSED}")


def test_a_semicolon_file_is_told_its_separator_first(tmp_path: Path, capsys) -> None:
    (path := tmp_path / "d.csv").write_bytes(b'\xef\xbb\xbftext;label\nmy card;a\n"cut here;b\n')
    assert "separated by semicolons" in _refused(path, capsys, "separated by semicolons")


def test_every_unclosed_quote_pandas_finds_is_named() -> None:
    """Random short CSV texts (quotes, '""', ',', ';', CR/LF/CRLF, a BOM at times): wherever pandas (as the CSV
    reader reads) stops at 'EOF inside string', the check names a line."""
    rng = random.Random(41)
    alphabet = ["a", " ", ",", ";", '"', '""', "\n", "\r\n", "\r", "é"]
    found = 0
    for _ in range(3_000):
        text = ("\ufeff" if rng.random() < 0.3 else "") + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        try:
            pd.read_csv(pd.io.common.StringIO(text.removeprefix("\ufeff")), header=None, dtype=str, sep=",",
                        quoting=csv.QUOTE_MINIMAL, keep_default_na=False, na_values=[""])
            continue
        except pd.errors.EmptyDataError:
            continue
        except pd.errors.ParserError as exc:
            if "EOF inside string" not in str(exc):
                continue
        found += 1
        assert unclosed_quote_line(text) is not None, repr(text)
    assert found > 300
