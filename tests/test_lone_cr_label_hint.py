"""A text holding a lone CR written by pandas' to_csv (unquoted: its line terminator is LF) reads as two rows,
to pandas as to textaudit; the error said only '1 row has an empty label (row 1, counted from 0)', where the user's
data has every label. It now names the file's line holding the CR and why (review34)."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import DataError
from engine.load import load_dataset


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": ["first text", "carriage\rreturn", "third", "fourth"], "label": ["a", "b", "a", "b"]})


@pytest.mark.parametrize("suffix, sep", [(".csv", ","), (".tsv", "\t")])
def test_a_row_split_by_an_unquoted_cr_says_which_line(tmp_path, suffix, sep):
    path = tmp_path / f"data{suffix}"
    _frame().to_csv(path, index=False, sep=sep)  # LF line ends: pandas quotes a CR only with CRLF ones
    assert b"\ncarriage\rreturn" in path.read_bytes()  # pandas left it unquoted
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = caught.value.message
    assert "1 row has an empty label (row 1, counted from 0)" in message
    assert "line 3 of the file holds a lone CR (\\r) outside quotes" in message


def test_quoted_crs_and_line_endings_are_no_lone_cr():
    from engine.csv_lines import lone_cr_lines

    assert lone_cr_lines('text,label\n"a\rb",x\n', "csv") == []  # quoted: data
    assert lone_cr_lines("text,label\r\r\na,x\r\r\n", "csv") == []  # CRs before an LF: one line break
    assert lone_cr_lines("text,label\ra,x\rb,y\r", "csv") == []  # a CR-only file: its line breaks
    assert lone_cr_lines("text,label\na\rb,x\nc,y\n", "csv") == [2]


def test_a_quoted_cr_loads(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text('text,label\n"carriage\rreturn",a\nother,b\nthird,a\nfourth,b\n', newline="")
    assert load_dataset(path).texts[0] == "carriage\rreturn"
