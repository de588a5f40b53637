"""Byte order marks the writer does not write itself are the file's text and come back: a CSV/TSV
that starts with two (a tool that prepends one to a file that had one; pandas drops both, the
header reads ``text``), and a BOM in a file read with a codec that names its byte order
(``--encoding utf-16-le``), whose writer writes none."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset


def _rows(sep: str) -> str:
    return f"text{sep}label\r\n" + "".join(f"hello number {i}{sep}{'ab'[i % 2]}\r\n" for i in range(8))


@pytest.mark.parametrize(("suffix", "sep", "encoding", "written", "boms"), [
    ("csv", ",", "utf-8", "utf-8", 2), ("tsv", "\t", "utf-8", "utf-8", 2),
    ("csv", ",", "utf-16", "utf-16-le", 2), ("csv", ",", "utf-16-le", "utf-16-le", 1),
    ("tsv", "\t", "utf-16-be", "utf-16-be", 1),
])
def test_boms_come_back(tmp_path: Path, suffix: str, sep: str, encoding: str, written: str, boms: int) -> None:
    source = tmp_path / f"in.{suffix}"
    text = "\ufeff" * boms + _rows(sep)
    source.write_bytes(text.encode(written))
    dataset = load_dataset(source, encoding=encoding)
    assert list(dataset.frame.columns) == ["text", "label"]
    journal = tmp_path / "in.corrections.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 2, label_after="b", issue_type="label")
    out = tmp_path / f"out.{suffix}"
    export_corrected(dataset, journal, out)
    expected = text.replace(f"hello number 2{sep}a", f"hello number 2{sep}b")
    assert out.read_bytes() == expected.encode(written)


@pytest.mark.parametrize(("text", "encoding", "said"), [
    ('{"text": "a", "label": "x"}\n\ufeff{"text": "b", "label": "y"}\n', "utf-8", "line 2: a byte order mark"),
    ('\ufeff{"text": "a", "label": "x"}\n', "utf-16-le", "line 1: a byte order mark"),
])
def test_a_byte_order_mark_inside_json_lines_is_named(tmp_path: Path, text: str, encoding: str, said: str) -> None:
    """json's own message, 'Unexpected UTF-8 BOM (decode using utf-8-sig)', pointed at an encoding that
    does not help: a file joined after another keeps its mark on line 2; --encoding utf-16-le reads none."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(text.encode(encoding))
    with pytest.raises(DataError, match=said) as raised:
        load_dataset(source, encoding=encoding)
    assert "utf-8-sig" not in str(raised.value)
