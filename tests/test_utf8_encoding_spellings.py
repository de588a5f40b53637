"""``--encoding`` spelled another way for UTF-8 (``u8``, ``utf_8``, Python's own name, ``UTF8``, ``cp65001``)
was compared as a string against 'utf8'/'utf8sig': a JSON Lines or JSON file with a UTF-8 BOM stopped with
'a byte order mark (U+FEFF) before it, as joining files leaves; delete it', which ``--encoding utf-8`` reads,
and a CSV's BOM was dropped from its TSV export. The codec, not its spelling, now decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

BOM = b"\xef\xbb\xbf"
SPELLINGS = ["u8", "utf_8", "UTF8", "cp65001", "utf-8"]


def _export(source: Path, out: Path, encoding: str) -> bytes:
    dataset = load_dataset(source, encoding=encoding)
    journal = source.with_name("j.jsonl")
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 0, label_after="b", issue_type="label")
    export_corrected(dataset, journal, out)
    return out.read_bytes()


@pytest.mark.parametrize("encoding", SPELLINGS)
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_json_file_with_a_bom_reads_under_any_spelling_of_utf8(tmp_path: Path, encoding: str, fmt: str) -> None:
    records = ['{"text": "héllo", "label": "a"}', '{"text": "bye", "label": "b"}', '{"text": "ok", "label": "a"}']
    body = "\n".join(records) + "\n" if fmt == "jsonl" else "[" + ", ".join(records) + "]\n"
    source = tmp_path / f"in.{fmt}"
    source.write_bytes(BOM + body.encode())
    dataset = load_dataset(source, encoding=encoding)
    assert list(dataset.frame.columns) == ["text", "label"]
    written = _export(source, tmp_path / f"out.{fmt}", encoding)
    assert written == BOM + body.replace('"a"}', '"b"}', 1).encode()


@pytest.mark.parametrize("encoding", SPELLINGS)
def test_a_csv_bom_stays_in_its_tsv_export_under_any_spelling_of_utf8(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(BOM + "text,label\r\nhéllo,a\r\nbye,b\r\nok,a\r\n".encode())
    written = _export(source, tmp_path / "out.tsv", encoding)
    assert written == BOM + "text\tlabel\r\nhéllo\tb\r\nbye\tb\r\nok\ta\r\n".encode()
