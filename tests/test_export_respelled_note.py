"""An export in the input's format writes each row as the file spelled it, found by splitting the file
into records; where that split does not give one record a row (a stray CR before a line of commas,
which pandas drops as blank), every row was written from its values without a word: quotes dropped
from every row of a file whose one row was relabelled. Now a note says so."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def test_rows_written_afresh_are_said(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b'text,label\n"hello there",a\n\r,\n"bye now",b\n"ok then",a\n"fine",b\n')
    dataset = load_dataset(source)
    assert dataset.texts == ["hello there", "bye now", "ok then", "fine"]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    summary = export_corrected(dataset, journal, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text() == "text,label\nhello there,a\nbye now,a\nok then,a\nfine,b\n"
    assert [w for w in summary.warnings if "one for one" in w] == [
        "in.csv: its lines could not be matched to its rows one for one (odd line breaks or quoting), so every "
        "row is written from its values: the same values, spelled as textaudit writes them (quoting, spacing)"]


def test_a_file_whose_records_match_says_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b'text,label\n"hello there",a\n"bye now",b\n"ok then",a\n"fine",b\n')
    dataset = load_dataset(source)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
    assert export_corrected(dataset, journal, tmp_path / "out.csv").warnings == []
