"""An export in the input's format writes each row as the file spelled it, found by splitting the file
into records; where that split does not give one record a row, every row was written from its values
without a word: quotes dropped from every row of a file whose one row was relabelled (a stray CR before
a line of commas did it, a file now refused at load: test_cr_blank_line_shift). Now a note says so. No
file known to load reaches it now, so the split is made to fail here."""

from __future__ import annotations

from pathlib import Path

import pytest

import engine.verbatim
from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

DATA = b'text,label\n"hello there",a\n"bye now",b\n"ok then",a\n"fine",b\n'


def _export(tmp_path: Path) -> list[str]:
    source = tmp_path / "in.csv"
    source.write_bytes(DATA)
    dataset = load_dataset(source)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    return export_corrected(dataset, journal, tmp_path / "out.csv").warnings


def test_rows_written_afresh_are_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.verbatim, "source_records", lambda *args, **kwargs: None)
    warnings = _export(tmp_path)
    assert (tmp_path / "out.csv").read_text() == "text,label\nhello there,a\nbye now,a\nok then,a\nfine,b\n"
    assert warnings == [
        "in.csv: its lines could not be matched to its rows one for one (odd line breaks or quoting), so every "
        "row is written from its values: the same values, spelled as textaudit writes them (quoting, spacing)"]


def test_a_file_whose_records_match_says_nothing(tmp_path: Path) -> None:
    assert _export(tmp_path) == []
    assert (tmp_path / "out.csv").read_bytes() == DATA.replace(b'"bye now",b', b'"bye now",a')
