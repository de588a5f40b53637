"""``load_dataset`` / ``run_audit`` from Python with a ``datasets.Dataset`` (how a Hugging Face user
holds data): it was taken for a file name, "Dataset({...}): no such file or directory"; a
DatasetDict, a Series, a dict or an Arrow table ended in "OSError: File name too long" (their repr
as a path)."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import UsageError, load_dataset

TEXTS = [f"{word} story {i}" for i in range(3) for word in ("election", "football")]


def _hf():
    import datasets

    features = datasets.Features({"text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["World", "Sports"])})
    return datasets.Dataset.from_dict({"text": TEXTS, "label": [i % 2 for i in range(len(TEXTS))]}, features=features)


def test_a_datasets_dataset_is_read_as_its_saved_folder_is():
    dataset = load_dataset(_hf())
    assert dataset.class_names == ["World", "Sports"] and dataset.texts == TEXTS


@pytest.mark.parametrize(("make", "named"), [
    (lambda: __import__("datasets").DatasetDict({"train": _hf()}),
     r"datasets\..*DatasetDict \(choose a split: data\['train'\]\)"),
    (lambda: pd.Series(TEXTS * 50), r"pandas\.Series: "),
    (lambda: {"text": TEXTS * 50, "label": ["a"] * 300}, r"dict: "),
    (lambda: __import__("pyarrow").table({"text": TEXTS, "label": TEXTS}), r"pyarrow\.lib\.Table: "),
], ids=["DatasetDict", "Series", "dict", "arrow"])
def test_anything_else_is_one_line(make, named):
    with pytest.raises(UsageError, match=rf"cannot audit a {named}.*give a file path, .* or a datasets\.Dataset$"):
        load_dataset(make())
