"""A JSONL file's ``1e400`` (valid JSON, read as infinity) exported as .json was written ``Infinity``,
which is not JSON (RFC 8259): a strict reader (a browser's JSON.parse, most other languages) refused the
export. Infinite floats are now written as the number ``1e400`` / ``-1e400`` wherever textaudit writes JSON
afresh; ``Infinity`` inside a text stays as written, a float NaN stays ``NaN`` (JSON has no number for it),
and a same-format export of an untouched file stays byte for byte."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

JSONL = ('{"text": "a one Infinity \\"-Infinity\\"", "label": "x", "v": 1e400}\n'
         '{"text": "b two", "label": "y", "v": -1e400}\n'
         '{"text": "a three", "label": "x", "v": 2.5}\n'
         '{"text": "b four", "label": "y", "v": [1e400, 1]}\n')


def _strict(text: str):
    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _export(source: Path, out: Path, decisions=()) -> str:
    dataset = load_dataset(source)
    journal = source.with_name("j.jsonl")
    with Journal.open(journal, dataset) as opened:
        for row, label in decisions:
            opened.record("relabel", row, label_after=label, issue_type="label")
    export_corrected(dataset, journal, out)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("decisions", [(), ((2, "y"),)])
def test_jsonl_infinities_exported_as_json_are_json_numbers(tmp_path: Path, decisions) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(JSONL, encoding="utf-8")
    records = _strict(_export(source, tmp_path / "out.json", decisions))
    assert [r["v"] for r in records[:3]] == [math.inf, -math.inf, 2.5]
    assert records[3]["v"] == [math.inf, 1]
    assert records[0]["text"] == 'a one Infinity "-Infinity"'  # a text is never touched
    assert records[2]["label"] == ("y" if decisions else "x")


def test_a_parquet_inf_exported_as_jsonl_is_a_json_number(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pd.DataFrame({"text": ["a", "b", "c", "d"], "label": ["x", "y", "x", "y"],
                  "v": [math.inf, -math.inf, 1.0, math.nan]}).to_parquet(source)
    lines = _export(source, tmp_path / "out.jsonl").splitlines()
    assert [_strict(line)["v"] for line in lines[:3]] == [math.inf, -math.inf, 1.0]


def test_a_json_nan_stays_nan_and_an_untouched_same_format_export_stays_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    text = JSONL + '{"text": "c five", "label": "x", "v": Infinity}\n{"text": "d six", "label": "y", "v": NaN}\n'
    source.write_text(text, encoding="utf-8")
    assert _export(source, tmp_path / "same.jsonl") == text
    records = json.loads(_export(source, tmp_path / "out.json"))
    assert records[4]["v"] == math.inf and math.isnan(records[5]["v"])
