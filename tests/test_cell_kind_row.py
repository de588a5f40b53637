"""A text or label cell holding a list or an object names its row: the line said which value, not where
(review35: a 40-row JSONL whose third text was a list)."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.parametrize(("column", "value", "said"), [
    ("text", ["a", "list"], "text column 'text' holds a list value (['a', 'list']); texts must be strings (row 2, "),
    ("label", {"k": 1}, "label column 'label' holds a dict value ({'k': 1}); labels must be text, numbers or "
                        "booleans (row 2, ")])
def test_the_row_is_named(tmp_path, column: str, value, said: str) -> None:
    rows = [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(4)]
    rows[2][column] = value
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert said in caught.value.message and caught.value.message.endswith("counted from 0)"), caught.value.message
