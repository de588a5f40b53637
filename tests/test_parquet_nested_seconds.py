"""A ``timestamp[s]`` inside a struct or a list (a saved datasets folder's) is written to Parquet as
``timestamp[ms]`` too, like a top-level one (3f4baaa): it changed with no warning, as only
top-level columns were looked at."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from journal_helpers import export_excluding

from engine.load import load_dataset


def test_a_nested_seconds_timestamp_is_said_too(tmp_path: Path) -> None:
    import datasets
    from datasets.table import InMemoryTable

    table = pa.table({"text": [f"a sample text {i}" for i in range(4)], "label": ["ab"[i % 2] for i in range(4)],
                      "meta": pa.array([{"at": i} for i in range(4)], pa.struct([("at", pa.timestamp("s"))])),
                      "seen": pa.array([[i] for i in range(4)], pa.list_(pa.timestamp("s", "UTC")))})
    datasets.Dataset(InMemoryTable(table)).save_to_disk(str(tmp_path / "saved"))
    dataset = load_dataset(tmp_path / "saved")
    warnings = export_excluding(dataset, 1, tmp_path / "j.jsonl", tmp_path / "out.parquet").warnings
    back = pq.read_table(tmp_path / "out.parquet").schema
    assert back.field("meta").type.field("at").type == pa.timestamp("ms")  # what Parquet does: said, not kept
    assert back.field("seen").type.value_type == pa.timestamp("ms", "UTC")
    for column in ("meta", "seen"):
        assert any(f"'{column}' holds timestamp[s" in line and "Parquet cannot store" in line for line in warnings), warnings
