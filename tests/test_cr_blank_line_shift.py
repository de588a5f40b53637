"""pandas misreads a row that starts with an empty cell right after a blank line ended by a lone CR
(a CR-only file's blank line, a stray CR line in an LF file): it drops that empty cell and moves the
row's cells left, so ',b,y' (no text, label b, note y) was audited as text 'b' with label 'y', without a
word. Such a file is now refused in one line naming the row and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

ROWS = ["hello there,a,x", ",b,y", "bye now,b,z", "ok then,a,w", "fine,b,v"]


@pytest.mark.parametrize(("newline", "blank"), [("\r", "\r"), ("\n", "\r"), ("\r\n", " \r"), ("\r", "\r\r")])
@pytest.mark.parametrize("sep", [",", "\t"])
def test_a_row_pandas_would_shift_is_refused(tmp_path: Path, newline: str, blank: str, sep: str) -> None:
    rows = [row.replace(",", sep) for row in ["text,label,note", *ROWS]]
    source = tmp_path / ("in.csv" if sep == "," else "in.tsv")
    source.write_bytes((newline.join(rows[:2]) + newline + blank + newline.join(rows[2:]) + newline).encode())
    with pytest.raises(DataError) as raised:
        load_dataset(source)
    assert "row 1 (counted from 0) starts with an empty cell after a blank line ended by a lone CR" in str(raised.value)


@pytest.mark.parametrize(("newline", "blank"), [("\n", "\n"), ("\r\n", "\r\n"), ("\r", "\r\n"), ("\r", "")])
def test_the_same_row_after_another_blank_line_loads_as_it_is(tmp_path: Path, newline: str, blank: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes((newline.join(["text,label,note", ROWS[0]]) + newline + blank + newline.join(ROWS[1:])
                        + newline).encode())
    row = load_dataset(source).frame.iloc[1]
    assert (row["label"], row["note"]) == ("b", "y")
