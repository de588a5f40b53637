"""A .jsonl of one JSON array per line (rows without column names) was told 'holds a JSON array, ...;
rename it to .json', which then fails (several arrays are no JSON file). It is now told what is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset


def test_an_array_per_line_is_not_sent_to_json(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps([f"text {i}", "ab"[i % 2]]) + "\n" for i in range(6)))
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert "rename it to .json" not in caught.value.message
    assert "line 1 is a JSON array, not an object" in caught.value.message


@pytest.mark.parametrize("body", [json.dumps([{"text": "a", "label": "b"}]) + "\n",
                                  '[\n {"text": "a", "label": "b"},\n {"text": "c", "label": "d"}\n]\n'])
def test_one_json_array_is_still_sent_to_json(tmp_path: Path, body: str) -> None:
    path = tmp_path / "array.jsonl"
    path.write_text(body)
    with pytest.raises(DataError, match="rename it to .json"):
        load_dataset(path)
