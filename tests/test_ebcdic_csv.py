"""A CSV in an EBCDIC code page (``--encoding cp037``: LF is the byte 0x25) lost its final newline
on export, and its blank lines went unsaid: line breaks were looked for as the ASCII bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_ebcdic_csv_exports_byte_for_byte(tmp_path: Path, newline: str) -> None:
    rows = [f"texte numéro {i} ça va,{'ab'[i % 2]}" for i in range(8)]
    source = tmp_path / "d.csv"
    source.write_bytes(newline.join(["text,label", *rows, ""]).encode("cp037"))
    dataset = load_dataset(source, encoding="cp037")
    journal = tmp_path / "d.corrections.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(dataset, journal, out)
    rows[1] = "texte numéro 1 ça va,a"
    assert out.read_bytes() == newline.join(["text,label", *rows, ""]).encode("cp037")


def test_a_blank_line_in_an_ebcdic_csv_is_said(tmp_path: Path) -> None:
    source = tmp_path / "d.csv"
    source.write_bytes("text,label\nfirst text,a\n\nsecond text,b\nthird text,a\n".encode("cp037"))
    dataset = load_dataset(source, encoding="cp037")
    assert len(dataset) == 3
    assert any("1 blank line" in note for note in dataset.style.notes)
