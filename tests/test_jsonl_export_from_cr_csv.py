"""A CSV with classic Mac OS line breaks (a lone CR) exported as JSON Lines wrote its records split by
lone CRs too: one line to every JSON Lines reader, so the export could not be read back, by textaudit
either ('not valid JSON on line 1: Extra data ... split by a lone CR'). JSON Lines splits at LF only:
such an export now ends each record with LF (a CRLF file's export keeps CRLF, which readers take)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


@pytest.mark.parametrize(("source_break", "written"), [("\r", "\n"), ("\r\n", "\r\n"), ("\n", "\n")])
@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_json_lines_from_a_csv_split_at_lf(tmp_path: Path, source_break: str, written: str, kind: str) -> None:
    sep = "," if kind == "csv" else "\t"
    source = tmp_path / f"d.{kind}"
    rows = [("text", "label"), ("hello there", "a"), ("bye now", "b"), ("good day", "a"), ("farewell", "b")]
    source.write_bytes(source_break.join(sep.join(row) for row in rows).encode() + source_break.encode())
    dataset = load_dataset(source)
    with Journal.open(tmp_path / "j.jsonl", dataset) as writer:
        writer.record("relabel", 3, label_after="a", issue_type="label")
        writer.record("exclude", 0, issue_type="label")
    out = tmp_path / "out.jsonl"
    export_corrected(dataset, tmp_path / "j.jsonl", out)
    raw = out.read_bytes().decode()
    assert raw.count(written) == 3 and raw.endswith(written) and "\r" not in raw.replace("\r\n", "")
    assert [json.loads(line) for line in raw.splitlines()] == [
        {"text": "bye now", "label": "b"}, {"text": "good day", "label": "a"}, {"text": "farewell", "label": "a"}]
    assert load_dataset(out).texts == ["bye now", "good day", "farewell"]


def test_json_lines_from_a_json_array_with_lone_crs_split_at_lf(tmp_path: Path) -> None:
    """The same from a .json array laid out with lone CRs (JSON takes them as whitespace): its JSON export keeps
    them, byte for byte; its JSON Lines export ends each record with LF."""
    source = tmp_path / "d.json"
    records = [{"text": t, "label": l} for t, l in [("hello there", "a"), ("bye now", "b"), ("good day", "a"),
                                                       ("farewell", "b")]]
    source.write_bytes(("[\r" + ",\r".join(json.dumps(r, separators=(",", ":")) for r in records) + "\r]\r").encode())
    dataset = load_dataset(source)
    with Journal.open(tmp_path / "j.jsonl", dataset) as writer:
        writer.record("exclude", 1, issue_type="label")
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.jsonl")
    raw = (tmp_path / "out.jsonl").read_bytes()
    assert b"\r" not in raw and raw.count(b"\n") == 3
    assert load_dataset(tmp_path / "out.jsonl").texts == ["hello there", "good day", "farewell"]
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.json")
    assert (tmp_path / "out.json").read_bytes() == source.read_bytes().replace(b'{"text":"bye now","label":"b"},\r', b"")
