"""hf:FOLDER holding data files of two formats: datasets reads those of one and left the others out without a
word (a.csv + b.jsonl, 30 rows each, audited and exported as 30); now a note names the files left out (review38)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from engine.load import load_dataset


@pytest.fixture
def offline_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


def test_files_of_another_format_are_said(offline_cache, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    rows = [{"text": f"text number {i}", "label": "ab"[i % 2]} for i in range(12)]
    pd.DataFrame(rows[:6]).to_csv(folder / "a.csv", index=False)
    for name, part in (("b.jsonl", rows[6:9]), ("c.jsonl", rows[9:])):  # json has the most files: datasets' pick
        (folder / name).write_text("".join(json.dumps(row) + "\n" for row in part))
    (folder / "LICENSE.txt").write_text("MIT")  # no data file: not named
    dataset = load_dataset(f"hf:{folder}")
    said = [note for note in dataset.style.notes if "of another format" in note]
    assert len(said) == 1 and said[0].endswith("not in the audit, nor in an export: a.csv; give each file itself, "
                                               "or save them in one format"), dataset.style.notes
    assert "read only the folder's json files (6 rows)" in said[0] and len(dataset) == 6
    (folder / "a.csv").unlink()
    assert not [note for note in load_dataset(f"hf:{folder}").style.notes if "another format" in note]
