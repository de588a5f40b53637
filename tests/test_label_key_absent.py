"""A JSON Lines record without the label key read as '1 row has an empty label (row 1, counted from 0)', as a
present but empty label does (review36): it is said as a missing key, by its line, apart from the empty ones."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset


def test_a_record_without_the_label_key_is_named_by_its_line(tmp_path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "a", "label": "x"}\n\n{"text": "b"}\n{"text": "c", "label": ""}\n{"text": "d", "label": "y"}\n')
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert ("1 record has no 'label' key (line 3 of the file: row 1, counted from 0); "
            "1 row has an empty label (row 2, counted from 0)") in caught.value.message


def test_a_json_array_record_without_the_key_is_named_by_its_place(tmp_path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps([{"text": "a", "label": "x"}, {"text": "b"}, {"text": "c", "label": "y"}]))
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert "1 record has no 'label' key (record 2 of the array: row 1, counted from 0)" in caught.value.message
    assert "empty label" not in caught.value.message


def test_lines_count_every_blank_line_before_the_record(tmp_path) -> None:
    """The lines come from the reader's own numbering (blank, spaces-only and CRLF lines skipped), not a second read."""
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'\n{"text": "a", "label": "x"}\r\n  \r\n\n{"text": "b"}\n{"text": "c", "label": "y"}\n\n'
                     b'{"text": "d"}\n')
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert "2 records have no 'label' key (lines 5, 8 of the file: rows 1, 3, counted from 0)" in caught.value.message
