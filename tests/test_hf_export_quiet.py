"""An export to a saved datasets folder writes textaudit's one line, not the library's progress bars."""

from __future__ import annotations

import pytest

from tui.cli import main


def test_an_hf_export_prints_no_casting_bar(tmp_path, capfd):
    """'Casting the dataset: 100%|...' (tqdm, on stderr) came before the summary line: the cast to
    the input's features ran before the bars were turned off. From the app it drew over the screen."""
    datasets = pytest.importorskip("datasets")
    features = datasets.Features({"text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["World", "Sports"])})
    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"text": [f"text {i}" for i in range(6)], "label": [0, 1] * 3},
                               features=features).save_to_disk(str(folder))
    capfd.readouterr()
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    assert datasets.is_progress_bar_enabled()
    assert main(["export", str(folder), "--journal", str(journal), "-o", str(tmp_path / "out"), "--format", "hf"]) == 0
    out, err = capfd.readouterr()
    assert err == "" and out.strip().startswith("wrote 6 rows to ")
    assert datasets.is_progress_bar_enabled()  # left as it was
    assert datasets.load_from_disk(str(tmp_path / "out")).features == features
