"""A Parquet file whose pandas metadata names a dtype this pandas cannot make (a package's extension dtype such as
geopandas' 'geometry', another pandas version's name) was 'internal error: TypeError', exit 70; now one line saying
the metadata is the cause and how to save the file without it (review38)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.parametrize("edit, said", [
    (lambda meta: meta["columns"][1].update(numpy_type="geometry", pandas_type="geometry"),
     "(data type 'geometry' not understood"),
    (lambda meta: meta["columns"][1].pop("numpy_type"), "(no key 'numpy_type'"),  # a hand-edited or cut file
])
def test_unreadable_pandas_metadata_is_one_line(tmp_path: Path, edit, said: str) -> None:
    table = pa.Table.from_pandas(pd.DataFrame({"text": ["a b", "c d", "e f", "g h"], "label": ["x", "y", "x", "y"]}))
    meta = json.loads(table.schema.metadata[b"pandas"])
    edit(meta)
    path = tmp_path / "geo.parquet"
    pq.write_table(table.replace_schema_metadata({b"pandas": json.dumps(meta).encode()}), path)
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert f"pandas metadata cannot be read here {said}" in caught.value.message
    assert "replace_schema_metadata(None)" in caught.value.message
