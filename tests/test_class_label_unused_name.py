"""A relabel to a ``ClassLabel`` name that no row of the split holds (a test split without its
rare class) wrote the name: the column became strings ('1', 'mid', '0'), the ClassLabel gone
from an hf export and a CSV mixing ints and a name. It writes that name's int."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def test_a_relabel_to_an_unused_class_label_name_writes_its_int(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    features = datasets.Features({"text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["neg", "pos", "mid"])})
    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"text": [f"test text {i}" for i in range(6)], "label": [1, 0, 1, 0, 1, 0]},
                               features=features).save_to_disk(str(folder))
    dataset = load_dataset(folder)
    assert dataset.class_names == ["neg", "pos"]  # 'mid' is held by no row
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after="mid", issue_type="label", allow_new_label=True)
    summary = export_corrected(dataset, journal, tmp_path / "out", fmt="hf")
    out = datasets.load_from_disk(str(tmp_path / "out"))
    assert out.features == features and out["label"] == [1, 2, 1, 0, 1, 0]
    assert summary.warnings == []
    export_corrected(dataset, journal, tmp_path / "out.csv", fmt="csv")
    assert (tmp_path / "out.csv").read_text().splitlines()[1:3] == ["test text 0,1", "test text 1,2"]
