"""An export in the input's own encoding writes each character with the bytes the file spelled it
with, where the codec has two codes for it (engine/byte_spelling.py): cp932, Windows' Shift-JIS,
reads '髙' from fb fc (its IBM extension code) and from ee e0, and Python writes ee e0, so an export
of a file spelling it fb fc changed every row holding '髙橋' though no decision touched it."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

#: Characters cp932 reads from two codes, each with the code Python does not write (IBM extension, NEC row 13).
WINDOWS = {"髙": b"\xfb\xfc", "﨑": b"\xfa\xb1", "ⅰ": b"\xfa\x40", "≒": b"\x87\x90"}
ROWS = [("髙橋さんの口座", "a"), ("山﨑の件 ⅰ", "b"), ("普通の文", "a"), ("≒ 近い", "b"), ("髙い 髙", "a")]


def _spelled(text: str, table: dict[str, bytes], encoding: str = "cp932") -> bytes:
    return b"".join(table.get(char) or char.encode(encoding) for char in text)


def _file(fmt: str, table: dict[str, bytes] = WINDOWS, rows=ROWS, encoding: str = "cp932") -> bytes:
    def t(text: str) -> bytes:
        return _spelled(text, table, encoding)

    if fmt == "csv":
        return b"text,label\r\n" + b"".join(t(x) + b"," + t(y) + b"\r\n" for x, y in rows)
    if fmt == "tsv":
        return b"text\tlabel\n" + b"".join(t(x) + b"\t" + t(y) + b"\n" for x, y in rows)
    if fmt == "jsonl":
        return b"".join(b'{"text": "' + t(x) + b'", "label": "' + t(y) + b'"}\n' for x, y in rows)
    return b"[" + b",\n ".join(b'{"text": "' + t(x) + b'", "label": "' + t(y) + b'"}' for x, y in rows) + b"]\n"


def _export(path: Path, tmp_path: Path, encoding: str = "cp932", decide=None):
    dataset = load_dataset(path, encoding=encoding)
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    if decide is not None:
        with Journal.open(journal, dataset) as open_journal:
            decide(open_journal)
    out = tmp_path / f"out{path.suffix}"
    summary = export_corrected(dataset, journal, out, force=True)
    return out.read_bytes(), summary.warnings


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json"])
def test_a_windows_cp932_file_comes_back_byte_for_byte(tmp_path, fmt):
    data = _file(fmt)
    assert data.decode("cp932").encode("cp932") != data  # Python's cp932 alone writes other bytes
    path = tmp_path / f"win.{fmt}"
    path.write_bytes(data)
    out, warnings = _export(path, tmp_path)
    assert out == data
    assert warnings == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_decisions_change_only_their_cells_and_keep_the_files_spelling(tmp_path, fmt):
    path = tmp_path / f"win.{fmt}"
    path.write_bytes(_file(fmt))

    def decide(journal):
        journal.record("relabel", 0, label_after="b", issue_type="label")
        journal.record("exclude", 2, issue_type="label")
        journal.record("relabel", 4, label_after="髙", issue_type="label", allow_new_label=True)  # a new name

    out, _ = _export(path, tmp_path, decide=decide)
    rows = [(ROWS[0][0], "b"), ROWS[1], ROWS[3], (ROWS[4][0], "髙")]
    expected = _file(fmt, rows=rows)
    assert out == expected  # the relabelled rows' texts too, and the new label in the file's spelling
    assert load_dataset(tmp_path / f"out.{fmt}", encoding="cp932").texts == [text for text, _ in rows]


def test_a_file_spelling_one_character_two_ways_keeps_the_commoner_and_says_so(tmp_path):
    python_way = {}  # '髙' as ee e0
    data = _file("csv") + _spelled("髙だけ", python_way) + b",b\r\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    out, warnings = _export(path, tmp_path)
    assert out == _file("csv") + WINDOWS["髙"] + "だけ,b\r\n".encode("cp932")  # 3 fb fc against 1 ee e0
    assert any("mixed.csv spells 1 character otherwise than the rest of the file does" in w for w in warnings)


def test_big5_too(tmp_path):
    rows = [("十分 好", "a"), ("卅 日", "b"), ("普通 句子", "a"), ("另一 句", "b")]
    table = {"十": b"\xa2\xcc", "卅": b"\xa2\xce"}  # the duplicate codes; Python writes a4 51, a4 ca
    data = _file("csv", table, rows, "big5")
    path = tmp_path / "tw.csv"
    path.write_bytes(data)
    out, _ = _export(path, tmp_path, "big5")
    assert out == data


def test_utf8_and_single_byte_files_are_not_read_again(tmp_path, monkeypatch):
    from engine import byte_spelling

    path = tmp_path / "u.csv"
    path.write_bytes("text,label\n髙橋,a\n山﨑,b\nx,a\ny,b\n".encode())
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    assert byte_spelling.file_spellings(path, "utf-8") is None
    assert byte_spelling.file_spellings(path, "utf_8_sig") is None
    for single_byte in ("cp1252", "latin-1", "koi8-r", "mac-roman", "cp037"):  # one byte, one character, its own
        assert byte_spelling.file_spellings(path, single_byte) is None
    assert read == []
