"""A .json of columns keyed by row (pandas' to_json default) whose columns list the same row keys
in different orders (a hand-built or another tool's file; pandas reads it, aligning the keys) was
refused as 'an object of objects whose inner keys differ': they did not differ. The line now says
what is wrong, which column, and the fix; keys that do differ keep their line (s22 hostile22)."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset

KEYS = ["5", "0", "10", "2"]
TEXTS = {k: f"text number {k}" for k in KEYS}
LABELS = {k: "ab"[int(k) % 2] for k in KEYS}


def test_the_same_keys_in_another_order_are_named(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": TEXTS, "label": {k: LABELS[k] for k in reversed(KEYS)}}))
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    said = str(raised.value)
    assert "inner keys differ" not in said
    assert "column 'label' lists the same row keys in another order than column 'text'" in said
    assert "to_json(path, orient='records')" in said


def test_keys_that_differ_keep_their_line(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": TEXTS, "label": {**{k: LABELS[k] for k in KEYS[:3]}, "99": "a"}}))
    with pytest.raises(DataError, match="an object of objects whose inner keys differ"):
        load_dataset(path)


def test_the_same_order_still_reads(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": TEXTS, "label": LABELS}))
    assert list(load_dataset(path).texts) == list(TEXTS.values())
