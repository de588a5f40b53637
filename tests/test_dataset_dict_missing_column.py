"""A saved DatasetDict whose 'train' split (the one read) lacks the label column, while its 'test' split has
it, stopped with "no label column 'label' (columns: text)" alone: the note saying which split was read, and
how to read another, comes only once the data loads. The line now says it."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import UsageError
from engine.load import load_dataset


def test_a_column_missing_from_the_split_read_names_the_splits(tmp_path: Path) -> None:
    import datasets

    unlabelled = datasets.Dataset.from_dict({"text": [f"t {i}" for i in range(6)]})
    labelled = datasets.Dataset.from_dict({"text": [f"t {i}" for i in range(6)], "label": ["a", "b"] * 3})
    datasets.DatasetDict({"train": unlabelled, "test": labelled}).save_to_disk(str(tmp_path / "dd"))
    with pytest.raises(UsageError) as caught:
        load_dataset(tmp_path / "dd")
    message = caught.value.message
    assert "no label column 'label' (columns: text)" in message
    assert "holds splits train, test; using 'train'" in message and str(tmp_path / "dd" / "test") in message
    assert list(load_dataset(tmp_path / "dd" / "test").frame.columns) == ["text", "label"]


def test_a_single_saved_dataset_gets_no_split_words(tmp_path: Path) -> None:
    import datasets

    datasets.Dataset.from_dict({"text": ["a", "b"]}).save_to_disk(str(tmp_path / "one"))
    with pytest.raises(UsageError) as caught:
        load_dataset(tmp_path / "one")
    assert "splits" not in caught.value.message
