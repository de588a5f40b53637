"""A UTF-8 file with one stray byte in another encoding (a line pasted from a Latin-1 file, common in
scraped or concatenated data) was told 'not valid utf-8 (byte 0xe9 ..., line 52); pass --encoding latin-1':
followed, latin-1 read every other non-ASCII character of the file garbled ('café crème' as 'cafÃ© crÃ¨me')
and the audit ran on them without a word (hostile24). The line now says the rest of the file is UTF-8 and
to fix that byte; a file read as latin-1 anyway gets a note."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset


def _stray(tmp_path):
    rows = "".join(f"caf\u00e9 cr\u00e8me num\u00e9ro {i},{'ab'[i % 2]}\n" for i in range(40))
    data = ("text,label\n" + rows).encode("utf-8").replace("num\u00e9ro 20,".encode(), b"num\xe9ro 20,")
    path = tmp_path / "stray.csv"
    path.write_bytes(data)
    return path


def test_a_stray_byte_in_a_utf8_file_is_named_as_one(tmp_path):
    with pytest.raises(DataError) as caught:
        load_dataset(_stray(tmp_path))
    line = caught.value.message
    assert "not valid utf-8 (byte 0xe9 at offset" in line and "line 22)" in line
    assert "the rest of the file is UTF-8, so that byte is likely a stray one" in line
    assert "pass --encoding latin-1" not in line


def test_read_as_latin_1_anyway_it_says_the_text_is_garbled(tmp_path):
    dataset = load_dataset(_stray(tmp_path), encoding="latin-1")
    assert dataset.texts[0] == "caf\u00c3\u00a9 cr\u00c3\u00a8me num\u00c3\u00a9ro 0"  # what latin-1 reads
    assert [w for w in dataset.warnings if w.startswith(
        "stray.csv is UTF-8 but for a few stray bytes (the first on line 22) and is read as latin-1")]


def test_a_latin_1_file_is_still_told_latin_1(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_bytes("".join(["text,label\n"] + [f"caf\u00e9 cr\u00e8me {i},{'ab'[i % 2]}\n" for i in range(40)])
                     .encode("latin-1"))
    with pytest.raises(DataError, match="pass --encoding latin-1 or the file's real encoding"):
        load_dataset(path)
    assert not [w for w in load_dataset(path, encoding="latin-1").warnings if "stray" in w]
