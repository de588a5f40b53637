"""A CSV saved by Excel starts with a UTF-8 byte order mark; exported to JSON Lines or JSON it
came out with the mark in front of the first record, which ``json.loads`` ("Unexpected UTF-8 BOM")
and ``pandas.read_json(lines=True)`` ("Expected object or value") refuse. JSON made from a CSV/TSV
is UTF-8 without a BOM (RFC 8259); a JSON file's own BOM still comes back (byte for byte)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [("hello there", "a"), ("bye now", "b"), ("ok then", "a"), ("fine", "b")]


def _export(source: Path, out: Path, **options: str) -> bytes:
    """``source`` exported to ``out`` with row 0 relabelled 'b'."""
    dataset = load_dataset(source, **options)
    journal = source.with_name("j.jsonl")
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 0, label_after="b", issue_type="label")
    export_corrected(dataset, journal, out)
    return out.read_bytes()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_from_a_csv_with_a_byte_order_mark_has_none(tmp_path: Path, encoding: str, fmt: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(("text,label\r\n" + "".join(f"{t},{label}\r\n" for t, label in ROWS)).encode(encoding))
    written = _export(source, tmp_path / f"out.{fmt}", **({"encoding": "utf-16"} if encoding == "utf-16" else {}))
    assert not written.startswith(b"\xef\xbb\xbf") and not written.startswith(b"\xff\xfe"), written[:8]
    text = written.decode("utf-8")
    records = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
    assert [(r["text"], r["label"]) for r in records] == [("hello there", "b"), *ROWS[1:]]
    assert pd.read_json(tmp_path / f"out.{fmt}", lines=fmt == "jsonl")["label"].tolist() == ["b", "b", "a", "b"]


def test_a_json_lines_files_own_byte_order_mark_comes_back(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    body = "".join(json.dumps({"text": t, "label": label}) + "\n" for t, label in ROWS)
    source.write_bytes(b"\xef\xbb\xbf" + body.encode())
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(source)):
        pass
    export_corrected(load_dataset(source), journal, tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == source.read_bytes()
