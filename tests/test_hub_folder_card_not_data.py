"""hf:FOLDER's note on data files of another format (bcae56a) names tables only: datasets maps '.md' to its 'harbor'
module and '.png' to 'imagefolder', so a README.md card beside the data (every hub snapshot has one) was said to be
'1 data file of another format ... not in the audit, nor in an export: README.md' (diff38)."""

from __future__ import annotations

import pandas as pd

from engine.load import load_dataset


def test_a_card_and_a_picture_are_no_data_files(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "snapshot"
    (folder / "docs").mkdir(parents=True)
    pd.DataFrame({"text": [f"text number {i}" for i in range(6)], "label": list("ab" * 3)}).to_csv(
        folder / "a.csv", index=False)
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# card\n")
    (folder / "docs" / "plot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    dataset = load_dataset(f"hf:{folder}")
    assert len(dataset) == 6 and not [n for n in dataset.style.notes if "another format" in n], dataset.style.notes
