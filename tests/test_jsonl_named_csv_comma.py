"""JSON Lines saved as .csv, a text holding a comma (readme30): pandas splits that line into more fields than
the header's, and the line said 'line 3 has 3 fields where the header has 2: a comma inside a text must be
quoted', a CSV fix for a file that is not a CSV. It now says what the file holds and the fix, as the same file
without a comma does (tests/test_content_not_extension.py's jsonl-as-csv)."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = [{"text": "where is my card?", "label": "a"}, {"text": "my card, it never came", "label": "b"},
        {"text": "top up failed", "label": "a"}, {"text": "rate today", "label": "b"}]


def test_json_lines_named_csv_with_a_comma_in_a_text_says_json(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    said = str(raised.value)
    assert "(it looks like JSON: rename it to .jsonl or .json)" in said, said
    assert "must be quoted" not in said and "\n" not in said


def test_a_csv_with_an_unquoted_comma_keeps_its_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("text,label\nhello,a\nmy card, it never came,b\n")
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert "line 3 has 3 fields where the header has 2: a comma inside a text must be quoted" in str(raised.value)
