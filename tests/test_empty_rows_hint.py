"""A spreadsheet's empty rows saved as lines of separators only (',,': Excel keeps rows once
formatted) read as rows of empty cells, not as blank lines, and stopped the load with "2 rows have
an empty label (rows 4, 5, counted from 0)" only. The line now says that every cell of them is empty."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = "text,label,note\na cat,c,x\na dog,d,\nthe cat,c,\nthe dog,d,y\n"


def _message(tmp_path, body: str) -> str:
    path = tmp_path / "d.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return caught.value.message


def test_lines_of_commas_are_named(tmp_path):
    assert _message(tmp_path, ROWS + ",,\n , ,\t\n").endswith(
        "2 rows have an empty label (rows 4, 5, counted from 0); fill or drop them first; every cell of those rows "
        "is empty (lines of separators only, as a spreadsheet saves its empty rows): delete them")


def test_only_the_wholly_empty_rows_are_counted(tmp_path):
    assert _message(tmp_path, ROWS + "a bird,,\n,,\n").endswith(
        "; 1 of them is empty in every cell (lines of separators only, as a spreadsheet saves its empty rows): delete it")


def test_a_row_with_a_text_and_no_label_gets_no_such_words(tmp_path):
    assert _message(tmp_path, ROWS + "a bird,,\n").endswith("(row 4, counted from 0); fill or drop them first")
