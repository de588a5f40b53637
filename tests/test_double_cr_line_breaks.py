"""A CSV written on Windows by Python's csv module without ``newline=''`` ends every line ``\\r\\r\\n``
(the writer's ``\\r\\n``, then text mode's ``\\n`` -> ``\\r\\n``). pandas reads a blank line after each
row; the load said none, and an export left them out: every row of the output ended in a lone
``\\r`` where only the decided rows should differ. ``\\r\\r\\n`` is now one line break: the export
keeps the file's bytes but for the decided rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [["hello there", "a"], ["bye, now", "b"], ["ok then", "a"], ['say "hi"', "b"], ["two\r\r\nlines", "a"]]


def _file(sep: str, rows: list[list[str]], end: str = "\r\r\n") -> str:
    def cell(value: str) -> str:
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if sep == "," and any(c in value for c in ',"\r\n') else value
    return "".join(sep.join(map(cell, row)) + end for row in [["text", "label"], *rows])


# \r\r\r\n: a \r\r\n file converted to CRLF once more; the load said '6 blank lines are not rows' and the
# export ended every line in a lone \r (every line of the file changed)
@pytest.mark.parametrize("end", ["\r\r\n", "\r\r\r\n"])
@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_an_export_keeps_double_cr_line_breaks(tmp_path: Path, suffix: str, end: str) -> None:
    sep = "," if suffix == ".csv" else "\t"
    rows = ROWS if suffix == ".csv" else ROWS[:4]  # a TSV has no quoting: no line break in a cell
    source = tmp_path / f"in{suffix}"
    source.write_bytes(_file(sep, rows, end).encode())
    dataset = load_dataset(source)
    assert dataset.texts == [row[0] for row in rows] and dataset.style.notes == ()
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
        opened.record("exclude", 2, issue_type="label")
    out = tmp_path / f"out{suffix}"
    export_corrected(dataset, journal, out)
    expected = [row if i != 1 else [row[0], "a"] for i, row in enumerate(rows) if i != 2]
    assert out.read_bytes() == _file(sep, expected, end).encode()
