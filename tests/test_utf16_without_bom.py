"""A CSV/TSV/JSONL in UTF-16 without a BOM (a .NET or SQL Server export): the load said 'looks like a
binary file (NUL bytes in the header), not csv text' (JSON Lines: 'not valid JSON on line 1'), where
the file is text that --encoding utf-16-le reads (s22 hostile22). The line now says so."""

from __future__ import annotations

import json

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = [(f"row {i} says {'yes' if i % 2 else 'no'}", "ab"[i % 2]) for i in range(8)]
CSV = "text,label\n" + "".join(f"{t},{lab}\n" for t, lab in ROWS)
JSONL = "".join(json.dumps({"text": t, "label": lab}) + "\n" for t, lab in ROWS)


@pytest.mark.parametrize("name, text, codec", [
    ("d.csv", CSV, "utf-16-le"), ("d.csv", CSV, "utf-16-be"), ("d.tsv", CSV.replace(",", "\t"), "utf-16-le"),
    ("d.jsonl", JSONL, "utf-16-le"),
], ids=["csv-le", "csv-be", "tsv-le", "jsonl-le"])
def test_utf16_without_a_bom_is_named(tmp_path, name, text, codec):
    path = tmp_path / name
    path.write_bytes(text.encode(codec))
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    said = str(raised.value)
    assert f"(it looks like UTF-16 text without a BOM: pass --encoding {codec})" in said
    assert "binary" not in said
    assert len(load_dataset(path, encoding=codec)) == len(ROWS)  # and the fix works


def test_a_real_binary_file_is_still_binary(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataError, match="looks like a binary file"):
        load_dataset(path)
