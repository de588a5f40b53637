"""An hf export (save_to_disk) of a Parquet file with a dictionary-encoded column (a pandas categorical):
datasets stores no dictionary arrays and decoded it to its values without a word, where every other type
the export cannot keep is said (hostile30). The values are written, with a note."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def test_a_categorical_column_is_written_as_its_values_with_a_note(tmp_path: Path) -> None:
    import datasets

    data, journal, out = tmp_path / "d.parquet", tmp_path / "j.jsonl", tmp_path / "saved"
    labels = ["lost", "pin", "lost", "pin", "lost", "pin"]
    pd.DataFrame({"text": [f"text {i}" for i in range(6)],
                  "label": pd.Categorical(labels, categories=["lost", "pin", "other"])}).to_parquet(data)
    dataset = load_dataset(data)
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="pin", issue_type="label")
    notes = export_corrected(dataset, journal, out, fmt="hf").warnings
    assert notes == ["column 'label' is dictionary-encoded (a category), which datasets cannot store; "
                     "written as its values"]
    saved = datasets.load_from_disk(str(out))
    assert saved["label"] == ["pin"] + labels[1:]
    parquet_notes = export_corrected(dataset, journal, tmp_path / "out.parquet").warnings
    assert parquet_notes == []  # a Parquet export keeps the dictionary
