"""A label column empty on every row (a test split saved without its labels, or the wrong column)
stopped with '30 rows have an empty label (rows 0, 1, 2, 3, 4 ..., counted from 0); fill or drop
them first', as if a few cells were blank. It now says the column is empty on every row and what
that means (s22 hostile22); a few empty labels keep their line."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset

TEXTS = [f"row {i} says {'yes' if i % 2 else 'no'}" for i in range(8)]


def _write(path, labels):
    if path.suffix == ".csv":
        path.write_text("text,label\n" + "".join(f"{t},{'' if v is None else v}\n" for t, v in zip(TEXTS, labels)))
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps({"text": t, "label": v}) + "\n" for t, v in zip(TEXTS, labels)))
    else:
        pq.write_table(pa.table({"text": TEXTS, "label": pa.array(labels, pa.int64())}), path)


@pytest.mark.parametrize("name", ["d.csv", "d.jsonl", "d.parquet"])
def test_every_label_empty_is_said_so(tmp_path, name):
    path = tmp_path / name
    _write(path, [None] * len(TEXTS))
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    said = str(raised.value)
    assert f"{name}: label column 'label' is empty on every row (8): this data is unlabelled" in said
    assert "choose it with --label-column" in said and "rows 0, 1, 2" not in said


@pytest.mark.parametrize("name", ["d.csv", "d.jsonl", "d.parquet"])
def test_a_few_empty_labels_keep_their_line(tmp_path, name):
    path = tmp_path / name
    _write(path, [None, 1, 2, None, 1, 2, 1, 2])
    with pytest.raises(DataError, match=r"2 rows have an empty label \(rows 0, 3, counted from 0\)"):
        load_dataset(path)
