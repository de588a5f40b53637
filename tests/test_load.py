"""Loading: every source kind, column options, label mapping in sorted order."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine.errors import DataError, UsageError
from engine.load import load_dataset

ROWS = pd.DataFrame(
    {
        "doc": ["a", "b", "c", "d"],
        "text": ["hello there", "bye now", "hi again", "so long"],
        "label": ["greet", "leave", "greet", "leave"],
    }
)


def _write(frame: pd.DataFrame, path, kind: str) -> None:
    if kind == "csv":
        frame.to_csv(path, index=False)
    elif kind == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    elif kind == "json":
        path.write_text(json.dumps(frame.to_dict(orient="records")))
    elif kind == "parquet":
        frame.to_parquet(path, index=False)


@pytest.mark.parametrize("kind", ["csv", "jsonl", "json", "parquet"])
def test_reads_each_file_type(tmp_path, kind):
    path = tmp_path / f"data.{kind}"
    _write(ROWS, path, kind)
    dataset = load_dataset(path, id_column="doc")
    assert dataset.texts == ROWS["text"].tolist()
    assert dataset.classes == ["greet", "leave"]
    assert dataset.labels.tolist() == [0, 1, 0, 1]
    assert dataset.ids == ["a", "b", "c", "d"]


def test_reads_saved_hf_dataset_folder(tmp_path):
    import datasets

    folder = tmp_path / "saved"
    datasets.Dataset.from_pandas(ROWS).save_to_disk(str(folder))
    dataset = load_dataset(folder)
    assert dataset.texts == ROWS["text"].tolist()
    assert dataset.class_names == ["greet", "leave"]


def test_reads_a_dataframe_and_custom_columns():
    frame = ROWS.rename(columns={"text": "utterance", "label": "intent"})
    dataset = load_dataset(frame, text_column="utterance", label_column="intent")
    assert len(dataset) == 4 and dataset.n_classes == 2
    assert dataset.ids == [0, 1, 2, 3]  # row index when no id column


def test_int_labels_keep_their_values_and_sort_numerically():
    frame = pd.DataFrame({"text": list("abcdef"), "label": [10, 2, 2, 10, 33, 2]})
    dataset = load_dataset(frame)
    assert dataset.classes == [2, 10, 33]  # numeric order, not "10" < "2"
    assert dataset.labels.tolist() == [1, 0, 0, 1, 2, 0]
    assert all(isinstance(c, int) for c in dataset.classes)


def test_string_labels_sort_lexicographically_like_datalab():
    frame = pd.DataFrame({"text": list("abcd"), "label": ["b", "a", "c", "a"]})
    dataset = load_dataset(frame)
    assert dataset.classes == ["a", "b", "c"]
    assert dataset.labels.tolist() == [1, 0, 2, 0]


def test_missing_column_suggests_the_closest_name(tmp_path):
    path = tmp_path / "d.csv"
    ROWS.rename(columns={"label": "labels"}).to_csv(path, index=False)
    with pytest.raises(UsageError, match="did you mean 'labels'"):
        load_dataset(path)


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_dataset(tmp_path / "absent.csv")


def test_hashes_split_texts_and_labels_apart():
    base = load_dataset(ROWS)
    relabelled = load_dataset(ROWS.assign(label=["leave", "leave", "greet", "leave"]))
    assert base.text_hash() == relabelled.text_hash()
    assert base.label_hash() != relabelled.label_hash()
    assert np.array_equal(base.text_is_null, np.zeros(4, dtype=bool))
