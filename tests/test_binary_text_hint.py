"""A Parquet text column stored as binary (older Spark and Impala write strings without the UTF8
annotation, so pyarrow reads bytes) was refused with 'texts must be strings' and no way on."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset


def test_a_binary_text_column_is_told_to_cast(tmp_path: Path) -> None:
    texts = [f"a sample text {i}".encode() for i in range(6)]
    pq.write_table(pa.table({"text": pa.array(texts, pa.binary()), "label": ["ab"[i % 2] for i in range(6)]}),
                   tmp_path / "spark.parquet")
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "spark.parquet")
    assert caught.value.message.endswith("texts must be strings; decode the column first (a Parquet column of "
                                         "binary, as older Spark and Impala write strings: cast it to string)")
    table = pq.read_table(tmp_path / "spark.parquet")
    pq.write_table(table.set_column(0, "text", table.column("text").cast(pa.string())), tmp_path / "cast.parquet")
    assert len(load_dataset(tmp_path / "cast.parquet")) == 6
