"""A .json whose records sit under one key of an object (``{"version": 1, "data": [{...}, ...]}``, as SQuAD
and many APIs write) got only 'expected a JSON array of objects, an object of column lists, ...' (hostile30);
the line now names the key and gives a command that saves the array alone, which then reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

RECORDS = [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(4)]


def test_records_under_a_key_are_named_with_the_fix(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("wrapped.json").write_text(json.dumps({"version": 1, "data": RECORDS}))
    with pytest.raises(DataError) as error:
        load_dataset("wrapped.json")
    line = str(error.value)
    assert "its key 'data' holds an array of 4 objects: save that array alone as the file" in line
    command = line.split("(python -c '", 1)[1].removesuffix("')")
    subprocess.run([sys.executable, "-c", command], check=True)
    assert list(load_dataset("records.json").texts) == [r["text"] for r in RECORDS]


@pytest.mark.parametrize("value", [RECORDS[0], {"a": RECORDS, "b": RECORDS, "n": 1}, {}])
def test_other_objects_keep_the_plain_line(tmp_path: Path, value) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(value))
    with pytest.raises(DataError, match=r"to_json default\)$"):
        load_dataset(path)


def test_the_command_copes_with_integers_of_any_size(tmp_path: Path, monkeypatch) -> None:
    """An id of 5,000 digits: textaudit reads it (bigint40), but the command failed in the user's own Python
    ('Exceeds the limit (4300 digits) for integer string conversion'); it now lifts that limit, and only here."""
    from engine.big_ints import any_size_ints

    monkeypatch.chdir(tmp_path)
    big = [{**RECORDS[0], "id": 10 ** 5000 + 7}, *RECORDS[1:]]
    with any_size_ints():
        Path("wrapped.json").write_text(json.dumps({"version": 1, "data": big}))
    with pytest.raises(DataError) as error:
        load_dataset("wrapped.json")
    command = str(error.value).split("(python -c '", 1)[1].removesuffix("')")
    subprocess.run([sys.executable, "-c", command], check=True, capture_output=True)
    assert load_dataset("records.json", id_column="id").ids[0] == 10 ** 5000 + 7
    Path("plain.json").write_text(json.dumps({"version": 1, "data": RECORDS}))
    with pytest.raises(DataError) as error:
        load_dataset("plain.json")
    assert "set_int_max_str_digits" not in str(error.value)  # a file without one: the command as short as before
