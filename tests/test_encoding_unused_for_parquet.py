"""--encoding given for a Parquet file or a saved datasets folder was ignored without a word (hostile30):
their texts are UTF-8 whatever was asked, and an export from them is written in UTF-8. A note says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.load import load_dataset

FRAME = pd.DataFrame({"text": ["caf\u00e9 one", "two", "three", "four"], "label": ["a", "b", "a", "b"]})


def _note(dataset) -> list[str]:
    return [w for w in dataset.warnings if w.startswith("--encoding")]


@pytest.mark.parametrize("kind", ["parquet", "saved"])
def test_an_encoding_given_for_a_utf8_format_gets_a_note(tmp_path: Path, kind: str) -> None:
    if kind == "parquet":
        path, what = tmp_path / "d.parquet", "a Parquet file"
        FRAME.to_parquet(path)
    else:
        import datasets

        path, what = tmp_path / "saved", "a saved datasets folder"
        datasets.Dataset.from_pandas(FRAME).save_to_disk(str(path))
    dataset = load_dataset(path, encoding="latin-1")
    assert dataset.texts[0] == "caf\u00e9 one"
    assert _note(dataset) == [f"--encoding latin-1 not used: {what} stores its texts as UTF-8 (it applies to "
                              "CSV/TSV/JSON files)"]
    assert _note(load_dataset(path)) == [] and _note(load_dataset(path, encoding="UTF8")) == []


def test_an_encoding_given_for_a_csv_gets_no_such_note(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    FRAME.to_csv(path, index=False, encoding="latin-1")
    assert _note(load_dataset(path, encoding="latin-1")) == []
