"""``hf:FOLDER`` without a split, on a folder of data files with several splits (data/train.csv and
data/test.csv, as a hub repo downloaded earlier holds them): the train split was read without a word that
the test split was left out, where a saved DatasetDict folder says so; a folder whose one split is not named
train was refused ('Unknown split "train"'). Now said and read as the saved folder is; a mistyped folder
(a path no hub name is spelled as) is named, not sent to the hub (review34)."""

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


@pytest.mark.parametrize("spelled", ["/no/such/folder", "~/no-such-folder", "./no-such-folder", "a/b/c"])
def test_a_mistyped_folder_is_named_not_sent_to_the_hub(tmp_path, monkeypatch, spelled):
    """No hub name is spelled so: it was 'cannot reach the Hugging Face hub ... set HF_HUB_OFFLINE=1', and
    offline "Couldn't reach '~/no-such-folder' on the Hub"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(DataError, match=r"no such folder: "):
        load_dataset(f"hf:{spelled}")


def test_a_file_given_as_hf_is_told_to_drop_the_prefix(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("text,label\nhello there,a\nbye now,b\n")
    with pytest.raises(DataError, match=r"is a file, not a folder of data files; give it without 'hf:'"):
        load_dataset(f"hf:{path}")
