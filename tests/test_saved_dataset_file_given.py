"""A file of a folder saved by datasets' save_to_disk given as the data (review38: a DatasetDict's
dataset_dict.json read as a table said "no text column 'text' (columns: splits)"; a state.json was told to
save its '_data_files' array as the records): one line naming the folder to give instead, exit 2."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.load import load_dataset


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    import datasets

    root = tmp_path_factory.mktemp("saved")
    split = datasets.Dataset.from_dict({"text": ["a b", "c d", "e f", "g h"], "label": ["x", "y", "x", "y"]})
    datasets.DatasetDict(train=split, test=split).save_to_disk(str(root / "dd"))
    split.save_to_disk(str(root / "ds"))
    return root


@pytest.mark.parametrize(("given", "folder", "what"), [
    ("dd/dataset_dict.json", "dd", "the split index of a DatasetDict saved by datasets' save_to_disk (splits train, test)"),
    ("dd/train/state.json", "dd/train", "a file of a dataset saved by datasets' save_to_disk"),
    ("ds/dataset_info.json", "ds", "a file of a dataset saved by datasets' save_to_disk"),
    ("ds/data-00000-of-00001.arrow", "ds", "the Arrow data of a dataset saved by datasets' save_to_disk"),
])
def test_the_folder_is_named(saved, given, folder, what):
    with pytest.raises(UsageError) as caught:
        load_dataset(str(saved / given))
    assert caught.value.message == f"{saved / given}: is {what}, not a data file; give its folder: {saved / folder}"
    assert len(load_dataset(str(saved / folder))) == 4  # what the line says to give loads


def test_a_data_file_of_that_name_elsewhere_is_read(tmp_path):
    (tmp_path / "state.json").write_text('[{"text": "a b", "label": "x"}, {"text": "c d", "label": "y"}]')
    assert len(load_dataset(str(tmp_path / "state.json"))) == 2
