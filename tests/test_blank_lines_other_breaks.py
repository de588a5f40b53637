"""A blank line whose line break is not the file's own (a bare LF line in a CRLF file, a CRLF or lone
CR one in an LF file, one in a ``\\r\\r\\n`` file, a ``\\r\\r\\r\\n`` file's) is skipped by pandas and
left out by an export as any blank line is; the load said nothing of it (its search looked for the
file's own line break twice). Now each is counted as the export splits lines (CRs before an LF
and the LF are one break: ``\\r\\r\\n``, ``\\r\\r\\r\\n``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [("hello there", "a"), ("bye now", "b"), ("ok then", "a"), ("fine", "b")]


@pytest.mark.parametrize(("newline", "blank", "count"), [
    ("\r\n", "\n", 1), ("\n", "\r\n", 1), ("\n", "\r", 1), ("\r\r\n", "\r\r\n", 1), ("\r\n", " \n", 1),
    ("\r\r\r\n", "\r\r\r\n", 1)])  # CRLF converted twice: one line break, as \r\r\n (test_double_cr_line_breaks)
@pytest.mark.parametrize("sep", [",", "\t"])
def test_a_blank_line_in_another_line_break_is_said(tmp_path: Path, newline: str, blank: str, count: int,
                                                    sep: str) -> None:
    lines = [sep.join(row) for row in [("text", "label"), *ROWS]]
    source = tmp_path / ("in.csv" if sep == "," else "in.tsv")
    source.write_bytes((newline.join(lines[:2]) + newline + blank + newline.join(lines[2:]) + newline).encode())
    dataset = load_dataset(source)
    assert [tuple(r) for r in dataset.frame.itertuples(index=False)] == ROWS
    lines_word = "1 blank line is not a row" if count == 1 else f"{count} blank lines are not rows"
    assert dataset.style.notes == (f"{source.name}: {lines_word}; an export leaves them out",)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 2, label_after="b", issue_type="label")
    out = tmp_path / f"out{source.suffix}"
    export_corrected(dataset, journal, out)
    assert load_dataset(out).frame.values.tolist() == [["hello there", "a"], ["bye now", "b"], ["ok then", "b"],
                                                      ["fine", "b"]]


def test_a_double_cr_file_without_blank_lines_says_none(tmp_path: Path) -> None:
    """``\\r\\r\\n`` alone is one line break, no blank line (pandas reads one after each row)."""
    source = tmp_path / "in.csv"
    source.write_bytes(b"text,label\r\r\nhello,a\r\r\n\"two\r\r\nlines\",b\r\r\nok,a\r\r\n")
    assert load_dataset(source).style.notes == ()
