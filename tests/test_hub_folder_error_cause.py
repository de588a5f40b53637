"""``hf:FOLDER`` of data files that datasets cannot build (train.csv's labels True/False typed the
column bool, test.csv's a/b then failed): the one line said 'cannot load from the Hugging Face hub:
An error occurred while generating the dataset', naming neither the folder (no hub was asked) nor
the cause, which datasets keeps in the exception's __cause__ (s22 hostile22)."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.fixture
def offline_hub(monkeypatch, tmp_path):
    import datasets.config
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


def test_a_folder_that_cannot_be_built_says_the_folder_and_why(offline_hub, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "train.csv").write_text("".join(["text,label\n"] + [f"row {i},{i % 2 == 0}\n" for i in range(6)]))
    (repo / "test.csv").write_text("".join(["text,label\n"] + [f"row {i},{'ab'[i % 2]}\n" for i in range(6)]))
    with pytest.raises(DataError) as raised:
        load_dataset(f"hf:{repo}:test")
    line = str(raised.value)
    assert "Hugging Face hub" not in line
    assert f"cannot load the folder {repo}: " in line
    assert "Failed to parse value" in line  # the cause, not only 'an error occurred'
    assert "give one of its data files itself" in line and "\n" not in line


def test_an_empty_folder_gets_no_data_file_hint(offline_hub, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError) as raised:
        load_dataset(f"hf:{tmp_path / 'empty'}")
    line = str(raised.value)
    assert f"cannot load the folder {tmp_path / 'empty'}: " in line and "data files itself" not in line
