"""A .json file that does not parse says the line and the column, as a JSON Lines file does: it said only the
column ('bad.json: not valid JSON: Expecting property name enclosed in double quotes (column 32)'; bigint40's
'left'), which in a pretty-printed file of a million lines found nothing. Large numbers with separators."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset
from tui.cli import main

RECORDS = [{"text": f"row {i} words", "label": "ab"[i % 2]} for i in range(3)]


def _message(tmp_path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return caught.value.message


def test_a_trailing_comma_says_its_line_and_column(tmp_path, capsys):
    body = json.dumps(RECORDS, indent=2).replace('"b"\n  }', '"b",\n  }')
    assert '"b",\n  }' in body
    path = tmp_path / "bad.json"
    path.write_text(body)
    assert main(["audit", str(path)]) == 1
    line = body[:body.index('"b",\n  }')].count("\n") + 2  # the '}' after the comma
    assert capsys.readouterr().err.strip().endswith(
        f"bad.json: not valid JSON on line {line}: Expecting property name enclosed in double quotes (column 3)")


def test_a_large_file_on_one_line_and_on_many(tmp_path):
    many = [{"text": f"row {i} words", "label": "ab"[i % 2]} for i in range(300_000)]
    flat = json.dumps(many)
    at = flat.rindex('"label"') + len('"label"')
    assert f"not valid JSON on line 1: Expecting ':' delimiter (column {at + 1:,})" in _message(
        tmp_path, "flat.json", flat[:at] + "@" + flat[at + 1:])
    tall = json.dumps(many, indent=1)
    at = tall.rindex('"label"') + len('"label"')
    line = tall.count("\n", 0, at) + 1
    assert line > 1_000_000
    assert f"not valid JSON on line {line:,}: Expecting ':' delimiter (column 10)" in _message(
        tmp_path, "tall.json", tall[:at] + "@" + tall[at + 1:])


def test_a_cut_json_says_its_line_too(tmp_path):
    body = json.dumps(RECORDS, indent=2)
    cut = body[:body.index('"row 2') + 4]  # inside the last text
    message = _message(tmp_path, "cut.json", cut)
    assert f"not valid JSON on line {cut.count(chr(10)) + 1}: Unterminated string starting at (column 13)" in message
    assert "the file looks cut off" in message, message
