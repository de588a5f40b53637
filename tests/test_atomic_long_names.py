"""An output named near the 255-byte limit in a non-ASCII script (82 CJK characters, 244 bytes):
the temporary file beside it was cut to 255 minus its prefix in *characters*, so its name ran past
255 bytes and every export, --issues-out table and saved folder there failed 'File name too long'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from journal_helpers import export_excluding, says_csv

from engine import atomic
from engine.load import load_dataset


@pytest.mark.parametrize("name", ["日本語" * 26 + "出力.csv", "é" * 120 + ".csv", "x" * 251 + ".csv"],
                         ids=["cjk", "latin", "ascii"])
def test_a_temp_name_fits_in_255_bytes(tmp_path: Path, name: str) -> None:
    temp = atomic.temp_name(tmp_path / name)
    assert len(os.fsencode(temp.name)) <= 255 and atomic.is_temp_name(temp.name)


def test_an_export_to_a_long_non_ascii_name_is_written(tmp_path: Path) -> None:
    out = tmp_path / ("日本語" * 26 + "出力.csv")
    export_excluding(load_dataset(says_csv(tmp_path / "d.csv")), 2, tmp_path / "d.corrections.jsonl", out)
    assert len(out.read_text().splitlines()) == 8
    assert [p.name for p in tmp_path.iterdir() if atomic.is_temp_name(p.name)] == []
