"""A Parquet file written from ``df.set_index('uid', drop=False)`` holds the column ``uid`` and the
index as ``__index_level_0__`` (pandas metadata naming it 'uid'). pandas reads it; textaudit refused it
as 'cannot parse as parquet: cannot insert uid, already exists' (s22 hostile22): the stored index was
put back as a column under the level's name, which the kept column already had."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = [f"row {i} says something about a {'card' if i % 2 else 'refund'}" for i in range(8)]
LABELS = ["a", "b"] * 4


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": TEXTS, "label": LABELS, "uid": [f"u{i}" for i in range(8)]})


@pytest.mark.parametrize("keys", [["uid"], ["uid", "label"]])
def test_an_index_kept_as_a_column_too_loads_and_exports(tmp_path, keys):
    path = tmp_path / "in.parquet"
    _frame().set_index(keys, drop=False).to_parquet(path)
    stored = pq.read_schema(path).names
    dataset = load_dataset(path, id_column="uid")
    assert list(dataset.frame.columns) == stored  # the file's columns, in its order
    assert dataset.frame["uid"].tolist() == [f"u{i}" for i in range(8)]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
        writer.record("exclude", 1, issue_type="label")
    out = tmp_path / "out.parquet"
    export_corrected(dataset, journal, out)
    expected = pd.read_parquet(path).drop(index=pd.read_parquet(path).index[1])
    expected.iloc[0, expected.columns.get_loc("label")] = "b"
    pd.testing.assert_frame_equal(pd.read_parquet(out), expected)
    assert pq.read_schema(out).names == stored


def test_an_untouched_export_is_the_same_table(tmp_path):
    path = tmp_path / "in.parquet"
    _frame().set_index("uid", drop=False).to_parquet(path)
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    out = tmp_path / "out.parquet"
    export_corrected(load_dataset(path), journal, out)
    before, after = pq.read_table(path), pq.read_table(out)
    assert after.equals(before) and after.schema.equals(before.schema, check_metadata=True)
