"""A saved datasets folder with an ``Array2D`` column (datasets' extension type: image or audio features kept as
fixed-shape arrays) exported as .parquet stopped with 'cannot write out.parquet as parquet: AttributeError: 'str'
object has no attribute 'id'' (hostile43): the check for seconds timestamps inside nested columns
(engine/parquet_layout.lost_units) took the extension type's ``value_type``, a dtype's name ('float32'), for an
Arrow type. It now looks into the extension's storage; the export writes, and datasets reads the array back."""

from __future__ import annotations

from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets")

from engine.corrections import Journal  # noqa: E402
from engine.export import export_corrected  # noqa: E402
from engine.load import load_dataset  # noqa: E402


def test_array2d_column_exports_as_parquet(tmp_path: Path) -> None:
    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.Value("string"),
                                  "arr": datasets.Array2D((2, 2), "float32")})
    rows = 6
    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"text": [f"text number {i}" for i in range(rows)], "label": ["ab"[i % 2] for i in range(rows)],
                                "arr": [[[i, 0.5], [0.25, -i]] for i in range(rows)]},
                               features=features).save_to_disk(str(folder))
    dataset = load_dataset(folder)
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        journal.record("relabel", 0, label_after="b", issue_type="label")
    out = tmp_path / "out.parquet"
    export_corrected(dataset, tmp_path / "j.jsonl", out)
    back = datasets.Dataset.from_parquet(str(out), cache_dir=str(tmp_path / "cache"))
    assert back.features["arr"] == features["arr"]
    assert back["arr"] == [[[i, 0.5], [0.25, -i]] for i in range(rows)]
    assert back["label"] == ["b"] + ["ab"[i % 2] for i in range(1, rows)]
