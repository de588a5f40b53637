"""A datasets folder saved with 0 rows (or a DatasetDict with an empty split) says so in one line: datasets
writes it without a data file and cannot load it itself, and the error read 'cannot load the saved dataset:
list index out of range' (review36)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

datasets = pytest.importorskip("datasets")


def _saved(rows: int) -> object:
    return datasets.Dataset.from_dict({"text": [f"t{i}" for i in range(rows)], "label": ["a", "b"] * (rows // 2)},
                                      features=datasets.Features({"text": datasets.Value("string"),
                                                                  "label": datasets.Value("string")}))


def test_an_empty_saved_dataset_and_split_are_named(tmp_path: Path) -> None:
    _saved(0).save_to_disk(str(tmp_path / "empty"))
    with pytest.raises(DataError, match=r"empty: the saved dataset has no rows$"):
        load_dataset(tmp_path / "empty")
    datasets.DatasetDict({"train": _saved(4), "test": _saved(0)}).save_to_disk(str(tmp_path / "splits"))
    with pytest.raises(DataError, match=r"splits/test: the saved dataset has no rows, so datasets cannot load "
                                        r".*splits: give another split's folder"):
        load_dataset(tmp_path / "splits")
