"""The missing-column line lists the file's columns. A 200,000-character column name (a CSV whose
header line is a long text) made a 200 KB error line, and a file of 5,000 columns listed all 5,000
(s22 hostile22). A name is cut at 60 characters and at most 30 names are listed, then how many more."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.load import load_dataset


def _said(tmp_path, header: list[str], **columns) -> str:
    path = tmp_path / "d.csv"
    path.write_text(",".join(header) + "\n" + ",".join("v" for _ in header) + "\n")
    with pytest.raises(UsageError) as raised:
        load_dataset(path, **columns)
    return str(raised.value)


def test_a_long_name_is_cut(tmp_path):
    said = _said(tmp_path, ["x" * 200_000, "label"])
    assert len(said) < 300
    assert f"(columns: {'x' * 59}\u2026, label); choose one with --text-column" in said


def test_many_columns_are_listed_in_part(tmp_path):
    said = _said(tmp_path, [f"col{i}" for i in range(5000)])
    assert "(columns: col0, col1, " in said and "col29, ... (4,970 more)); choose one with --text-column" in said
    assert "col30," not in said and len(said) < 600


def test_short_headers_are_listed_whole(tmp_path):
    said = _said(tmp_path, ["title", "body", "label"])
    assert "(columns: title, body, label)" in said


def test_a_long_near_name_is_offered_cut(tmp_path):
    said = _said(tmp_path, ["text" + "y" * 100, "label"], text_column="text" + "y" * 101)
    assert f"did you mean 'text{'y' * 53}\u2026'? " in said
