"""A quoted text longer than the csv module's default field limit (128 KiB) in the error-path checks that
parse CSV records with it (review37): a CSV with a row short of its label field and a 200 KB quoted text
stopped with 'internal error: Error: field larger than field limit (131072)', exit 70, instead of the
empty-label line; a CSV-quoted .tsv with such a text skipped the check that names its quoted line break."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset
from engine.tsv_quoting import check_tsv_quoting

_LONG = "long, text " * 20_000  # 220,000 characters, a comma in it


@pytest.fixture
def default_field_limit() -> Iterator[None]:
    """The csv module's limit as a fresh process has it (another test may have raised it: it is global)."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


def test_a_short_row_beside_a_long_quoted_text_is_named(tmp_path: Path, default_field_limit: None) -> None:
    rows = [f"row number {i},{'ab'[i % 2]}" for i in range(8)]
    rows[2] = f'"{_LONG}",a'
    rows[5] = "a row without its label field"
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"1 row has an empty label .*line 7 of the file has 1 field where the header"):
        load_dataset(path)


def test_a_quoted_line_break_in_a_tsv_is_named_beside_a_long_text(tmp_path: Path, default_field_limit: None) -> None:
    rows = [f"row number {i}\t{'ab'[i % 2]}" for i in range(8)]
    rows[2] = f'"{_LONG}"\ta'
    rows[5] = '"has a\nline break"\tb'
    path = tmp_path / "d.tsv"
    path.write_text("text\tlabel\n" + "\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"a quoted field holds a tab or line break \(row 5"):
        check_tsv_quoting(path, "utf-8")
