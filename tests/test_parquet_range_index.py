"""A Parquet input's pandas range index (metadata only, as df.iloc[5:] stores it) survives an
export: pd.read_parquet of the export has the labels pandas gives the corrected frame. Before,
every range index was left out, so labels 5, 6, 7, ... came back as 0, 1, 2, ... (s15 hostile, left)."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = [f"row {i} says something about a card payment" for i in range(12)]


def _export(tmp_path, frame: pd.DataFrame, excluded: list[int]) -> pd.DataFrame:
    path = tmp_path / "in.parquet"
    frame.to_parquet(path)
    dataset = load_dataset(path)
    assert list(dataset.frame.columns) == ["text", "label"]  # the range index is no column
    journal = tmp_path / "in.corrections.jsonl"
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 1, label_after="a", issue_type="label")
        for row in excluded:
            open_journal.record("exclude", row, issue_type="outlier")
    out = tmp_path / "out.parquet"
    export_corrected(dataset, journal, out)
    return pd.read_parquet(out)


@pytest.mark.parametrize("excluded", [[], [0, 11], [3], [3, 4, 9]])
@pytest.mark.parametrize("index", [pd.RangeIndex(5, 17), pd.RangeIndex(100, 124, 2, name="rid")])
def test_a_range_index_keeps_the_rows_labels(tmp_path, index, excluded):
    frame = pd.DataFrame({"text": TEXTS, "label": ["b"] * 6 + ["a"] * 6}, index=index)
    back = _export(tmp_path, frame, excluded)
    expected = frame.assign(label=["b", "a"] + ["b"] * 4 + ["a"] * 6).drop(frame.index[excluded])
    assert back.index.tolist() == expected.index.tolist()
    assert back.index.name == expected.index.name
    assert list(back.columns) == ["text", "label"]
    assert back["text"].tolist() == expected["text"].tolist()
    assert back["label"].tolist() == expected["label"].tolist()


def test_the_default_range_index_is_still_renumbered(tmp_path):
    frame = pd.DataFrame({"text": TEXTS, "label": ["b"] * 6 + ["a"] * 6})
    back = _export(tmp_path, frame, [3])
    assert back.index.tolist() == list(range(11)) and list(back.columns) == ["text", "label"]
