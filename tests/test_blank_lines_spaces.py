"""Lines pandas skips as blank: a line of spaces or tabs, a blank line in a UTF-16 file, a blank first
line. Each is said in the load's note (an export leaves them out), and an export keeps every row as
the file spelled it. Before: a spaces-only line was skipped without a word and made the export
re-render every row (quotes dropped); a UTF-16 file's blank lines were never said; a blank first line
gave "the file is empty"."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = ['"hello there",a', '"bye now",b', '"ok then",a', '"fine",b']


def _export(source: Path, tmp_path: Path, encoding: str = "utf-8") -> tuple[object, bytes]:
    dataset = load_dataset(source, encoding=encoding)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    out = tmp_path / f"out{source.suffix}"
    export_corrected(dataset, journal, out)
    return dataset, out.read_bytes()


@pytest.mark.parametrize("blank", ["   ", " \t ", ""])
def test_a_line_of_spaces_is_said_and_the_rows_keep_their_quotes(tmp_path: Path, blank: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text,label\n" + "\n".join([ROWS[0], blank, *ROWS[1:]]) + "\n")
    dataset, written = _export(source, tmp_path)
    assert dataset.style.notes == ("in.csv: 1 blank line is not a row; an export leaves them out",)
    expected = "text,label\n" + "\n".join([ROWS[0], '"bye now",a', *ROWS[2:]]) + "\n"
    assert written == expected.encode()


def test_a_blank_line_in_a_utf16_file_is_said(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(("text,label\r\n" + "\r\n".join([ROWS[0], "", *ROWS[1:]]) + "\r\n").encode("utf-16"))
    dataset, written = _export(source, tmp_path, "utf-16")
    assert dataset.style.notes == ("in.csv: 1 blank line is not a row; an export leaves them out",)
    assert written == ("text,label\r\n" + "\r\n".join([ROWS[0], '"bye now",a', *ROWS[2:]]) + "\r\n").encode("utf-16")


@pytest.mark.parametrize("first", ["\n", "  \n", "\ufeff\n"])
def test_a_blank_first_line_is_no_empty_file(tmp_path: Path, first: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(first + "text,label\n" + "\n".join(ROWS) + "\n")
    dataset, written = _export(source, tmp_path)
    assert list(dataset.frame.columns) == ["text", "label"] and len(dataset.frame) == 4
    assert dataset.style.notes == ("in.csv: 1 blank line is not a row; an export leaves them out",)
    bom = "\ufeff" if first.startswith("\ufeff") else ""
    assert written == (bom + "text,label\n" + "\n".join([ROWS[0], '"bye now",a', *ROWS[2:]]) + "\n").encode()


def test_a_line_of_spaces_in_a_tsv_is_no_quoted_tab(tmp_path: Path) -> None:
    """A TSV (quotes are data) whose texts start and end with quotes: a line of spaces made its rows of
    unequal width, so the CSV-quoting check read a quoted run across lines and refused the file ('a quoted
    field holds a tab or line break')."""
    source = tmp_path / "in.tsv"
    rows = ['text\tlabel', '"she said\tcat', '   ', 'then\tdog', 'it ends"\tcat', 'plain\tdog']
    source.write_text("\n".join(rows) + "\n")
    dataset = load_dataset(source)
    assert dataset.texts == ['"she said', "then", 'it ends"', "plain"]
    assert dataset.style.notes == ("in.tsv: 1 blank line is not a row; an export leaves them out",)
