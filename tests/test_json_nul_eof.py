"""A JSON Lines or JSON file ending in DOS' end-of-file mark (Ctrl+Z, \\x1a) or padded with NUL bytes
after a crash: 'not valid JSON on line 31: Expecting value (column 1)' (JSON: 'Extra data ...; another
JSON value starts on line 1'), naming neither (s22 hostile22). The line now says what is left there."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = [{"text": f"row {i} says {'yes' if i % 2 else 'no'}", "label": "ab"[i % 2]} for i in range(6)]
JSONL = "".join(json.dumps(row) + "\n" for row in ROWS)


@pytest.mark.parametrize("name, body", [
    ("d.jsonl", JSONL + "\x1a"), ("d.jsonl", JSONL + "\x00" * 64), ("d.json", json.dumps(ROWS) + "\x1a"),
    ("d.json", json.dumps(ROWS) + "\n\x00\x00"),
], ids=["jsonl-ctrl-z", "jsonl-nuls", "json-ctrl-z", "json-nuls"])
def test_the_mark_is_named(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(body)
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert "what is left there is nothing but NUL bytes or DOS' end-of-file mark (\\x1a)" in str(raised.value)
    assert str(raised.value).endswith(": delete it")


def test_other_broken_json_gets_no_such_words(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(JSONL + '{"text": "cut\n')
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert "NUL" not in str(raised.value)
