"""A saved datasets folder with an Array2D column (image features, embeddings kept as a matrix):
datasets' pandas dtype for it cannot be compared (its ``_metadata`` is a string, so pandas looks up
an attribute 'v'), and the first decision in the app ended it with a traceback
(AttributeError: 'PandasArrayExtensionDtype' object has no attribute 'v'); an export with an
excluded row too. The column is read as its lists and written back as the Array2D it was."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def test_decisions_and_an_export_keep_an_array2d_column(tmp_path: Path) -> None:
    import datasets

    rows = 6
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.Value("string"),
                                  "grid": datasets.Array2D(shape=(2, 2), dtype="float32")})
    saved = datasets.Dataset.from_dict({"text": [f"sample text {i}" for i in range(rows)],
                                        "label": ["ab"[i % 2] for i in range(rows)],
                                        "grid": [np.full((2, 2), i, dtype="float32") for i in range(rows)]},
                                       features=features)
    saved.save_to_disk(str(tmp_path / "in"))
    dataset = load_dataset(tmp_path / "in")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 2, label_after="b", issue_type="label")
        opened.record("exclude", 4, issue_type="outlier")
    export_corrected(dataset, journal, tmp_path / "out", fmt="hf")
    written = datasets.load_from_disk(str(tmp_path / "out"))
    assert written.features == features
    expected = saved.select([0, 1, 2, 3, 5]).to_list()
    expected[2]["label"] = "b"
    assert written.to_list() == expected
