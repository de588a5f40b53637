"""A JSON/JSONL record that is not an object was named by its Python type: 'record 1 is a JSON
NoneType' for a null line, 'JSON list', 'JSON str', 'JSON bool' (s15 hostile). It is now named as
JSON names it: null, array, string, number, boolean."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.parametrize(("body", "kind"), [("null", "null"), ('"x"', "string"), ("7", "number"),
                                            ("1.5", "number"), ("true", "boolean"), ("[1, 2]", "array")])
def test_a_record_is_named_by_its_json_kind(tmp_path: Path, body: str, kind: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(f'[{{"text": "a", "label": "b"}}, {body}]')
    with pytest.raises(DataError, match=f"record 2 is a JSON {kind}, not an object"):
        load_dataset(path)
