"""A JSON file's layout (engine/json_readers._json_layout: the indent and separators an export writes it back
with) dumps the whole value only for a layout whose dump of the first records starts the file (fix40a): pandas'
to_json writes '/' as '\\/', which no layout re-creates, so a valid 41 MB array of 152,000 ag_news records was
dumped whole 12 times, 23 s of its 24 s CPU read, before the audit began. The answer is the one the 12 whole
dumps gave, for every layout tried."""

from __future__ import annotations

import itertools
import json
import random

import pandas as pd
import pytest

import engine.json_readers as json_readers
from engine.write_cells import dumps


def _every_layout(text: str, value: object, ascii_only: bool) -> tuple[tuple[str, str], int | None]:
    """The layout as it was found before: each of the 12 layouts dumped whole."""
    for indent in (None, 2, 4, 1):
        for separators in ((",", ":"), (", ", ": "), (",", ": ")):
            if dumps(value, separators, ascii_only, indent) == text:
                return separators, indent
    return (",", ":"), None


@pytest.fixture
def whole_dumps(monkeypatch) -> list[object]:
    """The values json_readers dumped whole (the value given to _json_layout)."""
    given: list[object] = []
    dumped: list[object] = []
    real_layout, real_dumps = json_readers._json_layout, json_readers.dumps

    def layout(text, value, ascii_only):
        given.append(value)
        return real_layout(text, value, ascii_only)

    def counting(value, *args):
        if any(value is v for v in given):
            dumped.append(value)
        return real_dumps(value, *args)

    monkeypatch.setattr(json_readers, "_json_layout", layout)
    monkeypatch.setattr(json_readers, "dumps", counting)
    return dumped


def test_pandas_escaped_slashes_dump_nothing_whole(tmp_path, whole_dumps) -> None:
    frame = pd.DataFrame({"text": [f"see http://example.com/{i} and/or" for i in range(300)],
                          "label": ["ab"[i % 2] for i in range(300)]})
    data = tmp_path / "d.json"
    frame.to_json(data, orient="records")
    assert "\\/" in data.read_text()
    frame, style = json_readers.read_json(data, "utf-8")
    assert len(frame) == 300 and (style.json_separators, style.json_indent) == ((",", ":"), None)
    assert whole_dumps == []


@pytest.mark.parametrize("indent, separators", [(None, (",", ":")), (2, (",", ": ")), (4, (", ", ": ")),
                                                (1, (",", ": ")), (None, (", ", ": "))])
def test_a_layout_that_fits_is_dumped_once(tmp_path, whole_dumps, indent, separators) -> None:
    records = [{"text": f"row {i}", "label": i % 3, "tags": [i, None]} for i in range(250)]
    data = tmp_path / "d.json"
    data.write_text(json.dumps(records, indent=indent, separators=separators))
    _, style = json_readers.read_json(data, "utf-8")
    assert (style.json_separators, style.json_indent) == (separators, indent)
    assert len(whole_dumps) == 1


def _value(rng: random.Random, depth: int = 0) -> object:
    kinds = ["int", "float", "str", "none", "bool"] + (["list", "dict"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "list":
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind == "dict":
        return {rng.choice(["a", "b/c", "é", "k]", "} "]) + str(i): _value(rng, depth + 1) for i in range(rng.randint(0, 3))}
    return {"int": lambda: rng.randint(-5, 10**20), "float": lambda: rng.choice([0.5, 1e400, -1e400, 3.0]),
            "str": lambda: rng.choice(["", "a]", "x }\n", "café", "\ud800", "a/b", " ] } "]),
            "none": lambda: None, "bool": lambda: rng.random() < 0.5}[kind]()


def test_the_same_layout_as_every_whole_dump(monkeypatch) -> None:
    """Random records, column lists and keyed columns (brackets, spaces and surrogates in strings, infinities),
    each written in every layout (and a few edits of it): the same answer as the 12 whole dumps."""
    monkeypatch.setattr(json_readers, "_HEAD_ITEMS", 3)  # cuts inside the value
    rng = random.Random(40)
    for _ in range(40):
        rows = rng.randint(0, 8)
        shape = rng.choice(["records", "columns", "keyed"])
        if shape == "records":
            value = [{"t": _value(rng), "l": _value(rng)} for _ in range(rows)]
        elif shape == "columns":
            value = {"t": [_value(rng) for _ in range(rows)], "l": [_value(rng) for _ in range(rows)]}
        else:
            value = {"t": {str(i): _value(rng) for i in range(rows)}, "l": {str(i): _value(rng) for i in range(rows)}}
        for ascii_only, indent, separators in itertools.product(
                (False, True), (None, 2, 3), ((",", ":"), (", ", ": "), (" ,", ":"))):
            text = dumps(value, separators, ascii_only, indent)
            for edited in (text, text.replace("/", "\\/"), text.replace("\n", "\n ")):
                assert json_readers._json_layout(edited, value, ascii_only) == \
                    _every_layout(edited, value, ascii_only), (edited, value)
