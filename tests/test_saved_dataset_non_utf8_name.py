"""A saved datasets folder whose name is not UTF-8 (review37): 'cannot load the saved dataset: 'utf-8' codec can't
encode character '\\udce9' ...: surrogates not allowed' blamed the data; the line now says what to rename."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset


def test_a_latin1_folder_name_is_said_as_such(tmp_path: Path) -> None:
    import datasets

    folder = tmp_path / os.fsdecode(b"h\xe9")
    datasets.Dataset.from_dict({"text": ["a b", "c d", "e f", "g h"], "label": ["x", "y", "x", "y"]}).save_to_disk(
        str(folder))
    with pytest.raises(DataError, match=r"datasets cannot open a folder whose path is not UTF-8.*rename"):
        load_dataset(folder)
