"""A Parquet file written without pandas metadata (pyarrow, polars, Spark) exports without it:
pandas reads such a file's nullable ints as float64 and nullable bools as object, and metadata
made up from textaudit's frame (Int64, boolean) made ``pd.read_parquet`` of the export give other
dtypes than of the input. Schema metadata that is there is kept as it is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


@pytest.mark.parametrize("metadata", [None, {b"origin": b"spark"}])
def test_schema_metadata_and_pandas_dtypes_come_back(tmp_path: Path, metadata: dict | None) -> None:
    rows = 8
    table = pa.table({
        "text": [f"a sample text {i}" for i in range(rows)],
        "label": ["ab"[i % 2] for i in range(rows)],
        "count": pa.array([None if i == 3 else i for i in range(rows)], pa.int64()),
        "flag": pa.array([None if i == 4 else bool(i % 2) for i in range(rows)]),
    }).replace_schema_metadata(metadata)
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    dataset = load_dataset(source)
    journal = tmp_path / "in.corrections.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 2, label_after="b", issue_type="label")
        opened.record("exclude", 6, issue_type="outlier")
    out = tmp_path / "out.parquet"
    export_corrected(dataset, journal, out)
    assert pq.read_schema(out).metadata == pq.read_schema(source).metadata
    expected = pd.read_parquet(source).drop(index=6).reset_index(drop=True)
    expected.loc[2, "label"] = "b"
    pd.testing.assert_frame_equal(pd.read_parquet(out), expected)


def test_field_metadata_and_not_null_come_back(tmp_path: Path) -> None:
    """A field's own metadata (Spark's column comments) and a not-null flag were dropped."""
    schema = pa.schema([pa.field("text", pa.string(), nullable=False, metadata={b"comment": b"the text"}),
                        pa.field("label", pa.int64(), nullable=False, metadata={b"comment": b"class id"}),
                        pa.field("id", pa.int32(), nullable=False)], metadata={b"origin": b"spark"})
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": [f"a sample text {i}" for i in range(8)], "label": [i % 2 for i in range(8)],
                             "id": list(range(8))}, schema=schema), source)
    dataset = load_dataset(source)
    journal = tmp_path / "in.corrections.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 2, label_after="1", issue_type="label")
    export_corrected(dataset, journal, tmp_path / "out.parquet")
    assert pq.read_schema(tmp_path / "out.parquet") == schema
    assert pq.read_schema(tmp_path / "out.parquet").field("label").metadata == {b"comment": b"class id"}
