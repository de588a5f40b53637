"""A Parquet string column holding bytes that are not UTF-8, read while guessing the columns (a text column named
'sentence', or none that looks like one), was 'internal error: ArrowException: ... Wrapping caf\ufffd failed', exit 70;
2fdadd6 named such a column only where --text-column/--label-column or the defaults gave it (review38)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError, UsageError
from engine.load import load_dataset


@pytest.mark.parametrize("name", ["sentence", "body_fr"])  # guessed / no column looks like the text
def test_guessed_text_column_not_utf8_named(tmp_path: Path, name: str) -> None:
    raw = [b"caf\xe9 one" if i == 3 else f"text number {i}".encode() for i in range(8)]
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({name: pa.array(raw, type=pa.binary()).view(pa.string()),
                             "label": pa.array(["x", "y"] * 4)}), path)
    if name == "body_fr":  # no column looks like the text: since beab950 the guess reads no string column's values
        with pytest.raises(UsageError) as refused:  # (a 50,000-column CSV's 13 s), so the column line comes first
            load_dataset(path)
        assert refused.value.message == f"{path}: no text column 'text' (columns: body_fr, label); choose one with " \
                                        "--text-column"
    with pytest.raises(DataError) as caught:  # chosen (or guessed): its bytes named, never an internal error
        load_dataset(path, text_column="body_fr" if name == "body_fr" else None)
    assert f"column {name!r} holds text that is not valid UTF-8 (row 3" in caught.value.message
