"""hf:FOLDER holding CSV files and an .arrow file: datasets reads the CSV files (the most) and leaves the .arrow
file's rows out of the audit and of an export. 2d06542 counted only suffixes textaudit reads by themselves, so this
was no longer said (a.csv + a2.csv + b.arrow: 60 of 80 rows exported, no word; diff38). The note names the .arrow
file and the way that works for it: textaudit reads no .arrow file given itself, but hf: reads a folder of them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from engine.load import load_dataset


def test_an_arrow_file_left_out_is_said(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "mixed"
    folder.mkdir()
    frame = pd.DataFrame({"text": [f"text number {i}" for i in range(6)], "label": list("ab" * 3)})
    frame.to_csv(folder / "a.csv", index=False)
    frame.to_csv(folder / "a2.csv", index=False)  # csv has the most files: datasets' pick
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with pa.OSFile(str(folder / "b.arrow"), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)  # an Arrow stream, as datasets writes its own files
    dataset = load_dataset(f"hf:{folder}")
    said = [note for note in dataset.style.notes if "of another format" in note]
    assert len(dataset) == 12 and len(said) == 1, dataset.style.notes
    assert said[0].endswith("not in the audit, nor in an export: b.arrow; give the .arrow files as a folder of their "
                            "own (hf:FOLDER), or save them in one format"), said
    (folder / "a.csv").unlink()
    (folder / "a2.csv").unlink()
    assert len(load_dataset(f"hf:{folder}")) == 6  # the way out it gives
