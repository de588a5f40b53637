"""JSON files that do not parse for a reason json's own words do not say: each line now names what
the file looks like and the fix. Before: a JSON Lines file of pretty-printed records ended in
"Expecting property name enclosed in double quotes (column 2)" of a line holding only '{'; a comma
after each line's object, or two objects on a line, in "Extra data"; a .json of several values one
after another in "Extra data (column 1)", no line named."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset

RECORDS = [{"text": "a cat", "label": "c"}, {"text": "a dog", "label": "d"}, {"text": "the cat", "label": "c"}]


@pytest.mark.parametrize(("name", "body", "says"), [
    ("pretty.jsonl", "".join(json.dumps(r, indent=2) + "\n" for r in RECORDS),
     "not valid JSON on line 1: Expecting property name enclosed in double quotes (column 2); the object goes on "
     "past the end of the line: JSON Lines holds each object whole on one line"),
    ("commas.jsonl", "".join(json.dumps(r) + ",\n" for r in RECORDS),
     "not valid JSON on line 1: Extra data (column 32); a comma after the object: JSON Lines puts one object on "
     "each line with nothing between them; delete the commas"),
    ("two.jsonl", json.dumps(RECORDS[0]) + json.dumps(RECORDS[1]) + "\n" + json.dumps(RECORDS[2]) + "\n",
     "not valid JSON on line 1: Extra data (column 32); two JSON values on one line: put each object on a line "
     "of its own"),
    ("several.json", "".join(json.dumps(r, indent=2) + "\n" for r in RECORDS),
     "not valid JSON on line 5: Extra data (column 1); another JSON value starts there: several values one after "
     "another are no JSON file; put the records in one array"),
])
def test_a_json_shape_mistake_is_named(tmp_path, name, body, says):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert says in caught.value.message, caught.value.message


def test_a_line_cut_off_mid_value_gets_no_pretty_printing_hint(tmp_path):
    """A last line a write did not finish ends inside its object too; json's own words fit it, and
    advice about pretty-printed records would not."""
    path = tmp_path / "cut.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS) + '{"text": "abc", "label": ', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = caught.value.message  # and, at the file's end without a line break, that it looks cut off (bigint40)
    assert "not valid JSON on line 4: Expecting value (column 26); the file ends inside this value: the file looks " \
        "cut off" in message and "JSON Lines holds each object whole" not in message, message
