"""An export onto a saved datasets folder given as the data (or into one of its splits) is refused,
but the line called the folder a file: '--output dd/train is inside the input file' (s22 hostile22).
It now says folder there, and file for a file, as before."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main

ROWS = pd.DataFrame({"text": [f"row {i} says {'yes' if i % 2 else 'no'}" for i in range(8)], "label": ["a", "b"] * 4})


@pytest.fixture
def saved(tmp_path):
    import datasets

    folder = tmp_path / "dd"
    whole = datasets.Dataset.from_pandas(ROWS)
    datasets.DatasetDict({"train": whole, "test": whole}).save_to_disk(str(folder))
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(folder)) as writer:
        writer.record("relabel", 0, label_after="b", issue_type="label")
    return folder, journal


@pytest.mark.parametrize("target, said", [("dd", "is the input folder"), ("dd/train", "is inside the input folder")])
def test_the_cli_says_folder(saved, tmp_path, capsys, target, said):
    folder, journal = saved
    code = main(["export", str(folder), "--journal", str(journal), "-o", str(tmp_path / target), "--format", "hf",
                 "--force"])
    err = capsys.readouterr().err
    assert code == 2 and said in err and "input file" not in err


def test_the_engine_says_folder(saved, tmp_path):
    folder, journal = saved
    with pytest.raises(UsageError, match="is the input folder"):
        export_corrected(load_dataset(folder), journal, folder, fmt="hf", force=True)


def test_a_file_is_still_a_file(tmp_path, capsys):
    data = tmp_path / "d.csv"
    ROWS.to_csv(data, index=False)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 1, issue_type="label")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(data), "--force"]) == 2
    assert "is the input file" in capsys.readouterr().err
