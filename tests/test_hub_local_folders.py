"""``hf:`` before a local folder. A folder saved with ``save_to_disk`` ended in datasets' "Please use
`load_from_disk` instead" (a Python hint; textaudit reads the folder itself without ``hf:``), and
online with the hub unreachable, any local folder (a dataset repo downloaded earlier, which
datasets reads without the hub) was refused as "cannot reach the Hugging Face hub"."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset

ROWS = [{"text": f"text number {i}", "label": "ab"[i % 2]} for i in range(12)]


@pytest.fixture
def unreachable_hub(monkeypatch, tmp_path):
    """Online mode, as at a fresh start, with nothing listening where the hub should be."""
    import datasets.config
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


def test_a_saved_folder_is_named_without_hf(unreachable_hub, tmp_path):
    import datasets

    folder = tmp_path / "saved"
    whole = datasets.Dataset.from_pandas(pd.DataFrame(ROWS))
    datasets.DatasetDict({"train": whole, "test": whole}).save_to_disk(str(folder))
    with pytest.raises(UsageError, match=r"is a folder saved with save_to_disk: give the folder without 'hf:' \(.*saved\)$"):
        load_dataset(f"hf:{folder}")
    with pytest.raises(UsageError, match=r"give the folder without 'hf:' \(.*saved/test\)$"):  # the split's folder
        load_dataset(f"hf:{folder}:test")


def test_a_downloaded_repo_folder_needs_no_hub(unreachable_hub, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    pd.DataFrame(ROWS).to_csv(repo / "train.csv", index=False)
    assert list(load_dataset(f"hf:{repo}").texts) == [row["text"] for row in ROWS]


def test_a_folder_under_the_home_folder(unreachable_hub, tmp_path, monkeypatch):
    """'hf:~/data' (no shell expands '~' after 'hf:'): datasets took '~/data' for a hub name."""
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "data").mkdir()
    pd.DataFrame(ROWS).to_csv(tmp_path / "data" / "train.csv", index=False)
    assert list(load_dataset("hf:~/data").texts) == [row["text"] for row in ROWS]


def test_a_folder_under_an_unknown_users_home():
    """'hf:~bob/data' for a user this machine does not have: Path.expanduser raised, and the run ended
    in 'internal error: RuntimeError: Could not determine home directory', exit 70 (the data path
    without 'hf:' already said so in one line, tui/cli_values.refuse_unknown_home)."""
    with pytest.raises(UsageError, match=r"no user 'textaudit_no_such_user_19' to expand ~textaudit_no_such_user_19"):
        load_dataset("hf:~textaudit_no_such_user_19/data")
