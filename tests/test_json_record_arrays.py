"""A .json object whose keys each hold an array of records (``{"train": [{...}], "test": [{...}]}``, splits saved
in one file, or ``{"data": [{...}]}``) was read as an object of column lists: 'the column lists have different
lengths ([20, 40])', or with equal lengths or one key 'no text column ...; column 'data' holds nested objects:
flatten them first (pandas.json_normalize ...)', neither of which says where the records are (hostile43). The line
now names the keys and gives the command that saves one array alone, which then reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

RECORDS = [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(6)]


@pytest.mark.parametrize("value, named", [
    ({"train": RECORDS[:4], "test": RECORDS[4:]}, "its keys 'train' (4), 'test' (2) each hold an array of objects"),
    ({"train": RECORDS[:3], "test": RECORDS[3:]}, "its keys 'train' (3), 'test' (3) each hold an array of objects"),
    ({"data": RECORDS}, "its key 'data' holds an array of 6 objects"),
])
def test_arrays_of_records_under_keys_are_named(tmp_path: Path, monkeypatch, value, named) -> None:
    monkeypatch.chdir(tmp_path)
    Path("d.json").write_text(json.dumps(value))
    with pytest.raises(DataError) as error:
        load_dataset("d.json")
    line = str(error.value)
    assert "\n" not in line and named in line
    assert "different lengths" not in line and "json_normalize" not in line
    command = line.split("(python -c '", 1)[1].removesuffix("')")
    subprocess.run([sys.executable, "-c", command], check=True)
    first = next(iter(value.values()))
    assert list(load_dataset("records.json").texts) == [r["text"] for r in first]


def test_column_lists_still_read(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"text": [r["text"] for r in RECORDS], "label": [r["label"] for r in RECORDS]}))
    assert len(load_dataset(path)) == 6
    path.write_text(json.dumps({"text": ["a", "b"], "label": ["x"]}))
    with pytest.raises(DataError, match="different lengths"):
        load_dataset(path)
