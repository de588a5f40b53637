"""A saved DatasetDict is read by its 'train' split with a note; the note now says how to audit
another split (its own folder, which loads as a dataset). It said only 'using 'train''."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.load import load_dataset


def test_the_splits_note_names_the_folder_of_another_split(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    part = {"text": [f"text {i}" for i in range(6)], "label": ["a", "b"] * 3}
    datasets.DatasetDict({"train": datasets.Dataset.from_dict(part),
                          "test": datasets.Dataset.from_dict(part)}).save_to_disk(str(tmp_path / "dd"))
    dataset = load_dataset(tmp_path / "dd")
    note = next(n for n in dataset.warnings if "holds splits" in n)
    assert note.endswith(f"using 'train' (an export writes that split only; for another, give its folder: "
                         f"{tmp_path / 'dd' / 'test'})"), note
    assert len(load_dataset(tmp_path / "dd" / "test")) == 6  # the named folder loads
