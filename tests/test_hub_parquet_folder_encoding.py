"""``hf:FOLDER --encoding E`` on a folder of Parquet files was recognised only by the words of the error
``datasets`` raised ("doesn't have a 'encoding' key", hostile25 left): another version wording it otherwise
would turn the one clear line into 'cannot load the folder ...: <its words>'. The folder's files now say it
before ``datasets`` runs; a folder holding CSV or JSON files still goes to it with the encoding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset

TEXTS = [f"text number {i}" for i in range(12)]


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": TEXTS, "label": ["a", "b"] * 6})


def test_a_parquet_folder_is_told_before_datasets_runs(offline, tmp_path: Path, monkeypatch) -> None:
    import datasets

    folder = tmp_path / "pq"
    (folder / "data").mkdir(parents=True)
    _frame().to_parquet(folder / "data" / "train-00000.parquet")
    (folder / "README.md").write_text("# card\n")
    (folder / ".gitattributes").write_text("*.parquet filter=lfs\n")

    def reworded(*args, **kwargs):  # a datasets version whose words differ
        raise ValueError("BuilderConfig ParquetConfig got an unexpected keyword argument 'encoding'")

    monkeypatch.setattr(datasets, "load_dataset", reworded)
    with pytest.raises(UsageError, match=r"--encoding cp1252 is for CSV and JSON files.*leave out --encoding$"):
        load_dataset(f"hf:{folder}", encoding="cp1252")


def test_a_folder_with_a_csv_file_still_reads_with_its_encoding(offline, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "train.csv").write_bytes(_frame().to_csv(index=False).replace("number", "n\xe9").encode("cp1252"))
    assert load_dataset(f"hf:{folder}", encoding="cp1252").texts[0] == "text n\xe9 0"
