"""A Parquet export is written as its input was: each column's codec (a zstd, gzip or
uncompressed input came back snappy), the row group size and a 1.0 format version."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from journal_helpers import export_excluding

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def _layout(path: Path) -> tuple[int, str, list[tuple[str, str]]]:
    meta = pq.read_metadata(path)
    group = meta.row_group(0)
    return (meta.num_row_groups, meta.format_version,
            [(group.column(i).path_in_schema, group.column(i).compression) for i in range(group.num_columns)])


def _export(tmp_path: Path, table: pa.Table, **write: object) -> tuple[Path, Path]:
    source = tmp_path / "in.parquet"
    pq.write_table(table, source, **write)
    dataset = load_dataset(source)
    journal = tmp_path / "in.corrections.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a new label", issue_type="label", allow_new_label=True)
    out = tmp_path / "out.parquet"
    export_corrected(dataset, journal, out)
    return source, out


def _table(rows: int = 9) -> pa.Table:
    return pa.table({"text": [f"a sample text {i}" for i in range(rows)],
                     "label": ["ab"[i % 2] for i in range(rows)],
                     "tags": pa.array([[i, i + 1] for i in range(rows)], pa.list_(pa.int32()))})


@pytest.mark.parametrize("write", [
    {"compression": "zstd", "row_group_size": 3},
    {"compression": "none", "version": "1.0"},
    {"compression": {"text": "gzip", "label": "zstd", "tags.list.element": "none"}},
], ids=["zstd-row-groups", "uncompressed-v1", "codec-per-column"])
def test_codecs_row_groups_and_version_come_back(tmp_path: Path, write: dict) -> None:
    source, out = _export(tmp_path, _table(), **write)
    assert _layout(out) == _layout(source)
    assert pq.read_table(out).column("label").to_pylist()[:3] == ["a", "a new label", "a"]


@pytest.mark.parametrize("version", ["1.0", "2.6"])
def test_int96_timestamps_stay_int96(tmp_path: Path, version: str) -> None:
    """Spark's, Hive's and Impala's legacy timestamps: a 1.0 file written back without INT96 turned
    its timestamp[ns] into timestamp[us] (and refused nanoseconds)."""
    table = _table(4).append_column("at", pa.array([10**18 + 1000 * i for i in range(4)], pa.timestamp("ns")))
    source, out = _export(tmp_path, table, version=version, use_deprecated_int96_timestamps=True)
    assert pq.read_metadata(out).schema.column(3).physical_type == "INT96"
    assert pq.read_table(out).column("at").equals(pq.read_table(source).column("at"))


def test_a_layout_pyarrow_cannot_write_falls_back_to_its_defaults(tmp_path: Path) -> None:
    import pandas as pd

    from engine.formats import SourceStyle
    from engine.writers import write_table

    frame = pd.DataFrame({"text": ["a", "b"], "label": ["x", "y"],
                          "at": pd.to_datetime([10**18 + 1, 10**18 + 2], unit="ns")})  # 1.0 holds no nanoseconds
    out = tmp_path / "out.parquet"
    notes = write_table(frame, out, "parquet", SourceStyle(fmt="parquet", parquet={"version": "1.0"}))
    assert pq.read_table(out).column("at").to_pylist() == list(frame["at"])
    assert any("pyarrow's default layout" in note for note in notes)


def test_a_seconds_timestamp_is_said_when_parquet_cannot_keep_it(tmp_path: Path) -> None:
    """A saved datasets folder's timestamp[s] comes back timestamp[ms] from any Parquet writer
    (Parquet has no seconds unit, and pyarrow reads ms): it was silent."""
    import datasets
    from datasets.table import InMemoryTable

    table = _table(4).append_column("at", pa.array(range(4), pa.timestamp("s", "UTC")))
    datasets.Dataset(InMemoryTable(table)).save_to_disk(str(tmp_path / "saved"))
    dataset = load_dataset(tmp_path / "saved")
    warnings = export_excluding(dataset, 1, tmp_path / "j.jsonl", tmp_path / "out.parquet").warnings
    assert any("'at' is timestamp[s, tz=UTC], which Parquet cannot store" in line for line in warnings)
    back = pq.read_table(tmp_path / "out.parquet").column("at")
    assert back.type == pa.timestamp("ms", "UTC") and back.cast(pa.timestamp("s", "UTC")).to_pylist() == [
        table.column("at")[i].as_py() for i in (0, 2, 3)]
