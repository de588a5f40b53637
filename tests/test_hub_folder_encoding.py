"""``--encoding`` was not passed on for ``hf:FOLDER`` (hostile24, left): a folder of cp1252 CSV files failed
with --encoding cp1252 as without it ('utf-8' codec can't decode byte 0xe9), and an unknown --encoding was
never checked there. datasets' csv and json builders take the encoding; a folder of Parquet files, which
take none, is told to leave it out."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset

TEXTS = [f"café crème {i} \u201cq\u201d" for i in range(12)]


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))


def test_a_cp1252_csv_folder_reads_with_its_encoding(offline, tmp_path: Path) -> None:
    folder = tmp_path / "cp"
    folder.mkdir()
    body = "text,label\n" + "".join(f"{t},{'ab'[i % 2]}\n" for i, t in enumerate(TEXTS))
    (folder / "train.csv").write_bytes(body.encode("cp1252"))
    assert list(load_dataset(f"hf:{folder}", encoding="cp1252").texts) == TEXTS


def test_a_latin1_jsonl_folder_reads_with_its_encoding(offline, tmp_path: Path) -> None:
    folder = tmp_path / "jl"
    folder.mkdir()
    rows = [json.dumps({"text": t.replace("\u201c", "").replace("\u201d", ""), "label": "ab"[i % 2]},
                       ensure_ascii=False) for i, t in enumerate(TEXTS)]
    (folder / "train.jsonl").write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    assert load_dataset(f"hf:{folder}", encoding="latin-1").texts[0] == "café crème 0 q"


def test_parquet_files_are_told_to_leave_out_the_encoding(offline, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    folder.mkdir()
    pd.DataFrame({"text": TEXTS, "label": ["a", "b"] * 6}).to_parquet(folder / "train.parquet")
    with pytest.raises(UsageError, match="is for CSV and JSON files.*leave out --encoding$"):
        load_dataset(f"hf:{folder}", encoding="cp1252")
    assert list(load_dataset(f"hf:{folder}").texts) == TEXTS


def test_an_unknown_encoding_is_refused_for_hf_too(offline, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown encoding"):
        load_dataset(f"hf:{tmp_path}", encoding="bogus")
