"""``hf:FOLDER`` without a split, on a folder of data files with several splits (data/train.csv and
data/test.csv, as a hub repo downloaded earlier holds them): the train split was read without a word that
the test split was left out, where a saved DatasetDict folder says so; a folder whose one split is not named
train was refused ('Unknown split "train"'). Now said and read as the saved folder is (review34)."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import DataError
from engine.load import load_dataset


def _write(folder, names):
    (folder / "data").mkdir(parents=True)
    for k, name in enumerate(names):
        pd.DataFrame({"text": [f"{name} text number {i}" for i in range(10 + k)],
                      "label": ["ab"[i % 2] for i in range(10 + k)]}).to_csv(folder / "data" / f"{name}.csv", index=False)


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


def test_the_train_split_is_read_and_the_others_said(tmp_path):
    folder = tmp_path / "repo"
    _write(folder, ["train", "test"])
    dataset = load_dataset(f"hf:{folder}")
    assert len(dataset.texts) == 10 and dataset.texts[0] == "train text number 0"
    assert any(f"hf:{folder} holds splits train, test; using 'train'" in w and f"hf:{folder}:test" in w
               for w in dataset.warnings), dataset.warnings
    chosen = load_dataset(f"hf:{folder}:test")  # a split given: read, nothing to say
    assert len(chosen.texts) == 11 and not any("holds splits" in w for w in chosen.warnings)


def test_one_split_not_named_train_is_read_and_several_without_train_are_named(tmp_path):
    _write(tmp_path / "one", ["test"])
    assert len(load_dataset(f"hf:{tmp_path / 'one'}").texts) == 10
    _write(tmp_path / "two", ["validation", "test"])
    with pytest.raises(DataError, match=r"holds splits .* and no 'train'; choose one: hf:.*two:"):
        load_dataset(f"hf:{tmp_path / 'two'}")
