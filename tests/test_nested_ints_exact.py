"""Integers inside a nested Parquet/datasets column (a struct field, a list) with a null somewhere
inside: pandas' conversion made them floats, so a JSONL/JSON/CSV export wrote {"a":1.0} and
[1.0,null], and 2**60 + 1 as 1.152921504606847e+18 (digits lost), exit 0, nothing said. The
reader now takes such columns as Arrow's own Python values (engine/arrow_frame.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tui.cli import main

BIG = 2**60 + 1


def _parquet(path: Path) -> pa.Table:
    table = pa.table({
        "text": ["a b", "c d", "e f"], "label": ["x", "y", "x"],
        "s": pa.array([{"a": 1, "z": BIG}, {"a": None, "z": None}, None], pa.struct([("a", pa.int64()), ("z", pa.int64())])),
        "l": pa.array([[1, None], [], None], pa.list_(pa.int64())),
        "m": pa.array([[("k", BIG)], [("n", None)], None], pa.map_(pa.string(), pa.int64())),
        "v": pa.array([[0.5, 1.5], [2.0, 3.0], [4.0, 5.0]], pa.list_(pa.float32())),
    })
    pq.write_table(table, path)
    (path.parent / f"{path.stem}.corrections.jsonl").write_text("")
    return table


def test_jsonl_json_and_csv_keep_the_integers(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the default journal is in the current folder
    source = tmp_path / "p.parquet"
    _parquet(source)
    for suffix in ("jsonl", "json", "csv"):
        assert main(["export", str(source), "-o", str(tmp_path / f"o.{suffix}")]) == 0
    capsys.readouterr()
    first = json.loads((tmp_path / "o.jsonl").read_text().splitlines()[0])
    assert first["s"] == {"a": 1, "z": BIG} and first["l"] == [1, None] and first["v"] == [0.5, 1.5]
    assert isinstance(first["s"]["a"], int) and isinstance(first["l"][0], int)
    assert first["m"] == [["k", BIG]]
    assert json.loads((tmp_path / "o.json").read_text())[0]["s"] == {"a": 1, "z": BIG}
    assert f'""z"":{BIG}' in (tmp_path / "o.csv").read_text()


def test_parquet_round_trip_is_unchanged(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "p.parquet"
    table = _parquet(source)
    assert main(["export", str(source), "-o", str(tmp_path / "o.parquet")]) == 0
    back = pq.read_table(tmp_path / "o.parquet")
    assert back.schema.equals(table.schema) and back.to_pylist() == table.to_pylist()


def test_a_nan_and_a_null_inside_stay_apart_in_a_parquet_round_trip(tmp_path: Path, capsys, monkeypatch) -> None:
    """struct{f: NaN} came back {f: null} and a list [NaN, null] came back [NaN, NaN] read, [null, null]
    written: pandas reads a null float in a list as NaN, and from_pandas writes every NaN as null."""
    monkeypatch.chdir(tmp_path)
    table = pa.table({"text": ["a b", "c d", "e f"], "label": ["x", "y", "x"],
                      "s": pa.array([{"f": float("nan")}, {"f": None}, {"f": 1.5}], pa.struct([("f", pa.float64())])),
                      "l": pa.array([[float("nan"), None], [1.0], None], pa.list_(pa.float64()))})
    pq.write_table(table, tmp_path / "p.parquet")
    (tmp_path / "p.corrections.jsonl").write_text("")
    assert main(["export", "p.parquet", "-o", "o.parquet"]) == 0
    back = pq.read_table(tmp_path / "o.parquet")
    assert back.schema.equals(table.schema)
    for name in ("s", "l"):
        want, got = table.column(name).combine_chunks(), back.column(name).combine_chunks()
        inner = (lambda a: a.field(0)) if name == "s" else (lambda a: a.flatten())
        assert inner(got).null_count == inner(want).null_count == 1
        assert [v != v for v in inner(got).to_pylist()] == [v != v for v in inner(want).to_pylist()]  # NaN where NaN
