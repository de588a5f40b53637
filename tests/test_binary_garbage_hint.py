"""A binary file (random bytes) whose first 'line', up to its first newline byte, held a tab or a comma was
refused with a fix for a text file: 'g.csv: looks like a binary file, not csv text (its first line is
tab-separated: rename it to .tsv)', and an unknown extension ('.txt') of such bytes was told the same rename
(review33). A first line mostly of undecodable or control characters now gets no such hint; a text file's
first line, Latin-1 accents read as UTF-8 included, still does."""

from __future__ import annotations

import pytest

from engine.errors import DataError, TextauditError
from engine.load import load_dataset

#: random-looking bytes: a tab or a comma before the first newline, a NUL after it
GARBAGE_TAB = b"\x8f\xa3\tz\x9c\x01\xe2\x91\xd4\x05\n\x00\x17\xff\xfe\x03"
GARBAGE_COMMA = b"\x8f\xa3,z\x9c\x01\xe2\x91\xd4\x05\n\x00\x17\xff\xfe\x03"


@pytest.mark.parametrize("name, body", [
    ("g.csv", GARBAGE_TAB),
    ("g.json", GARBAGE_TAB),
    ("g.jsonl", GARBAGE_COMMA),
    ("g.txt", GARBAGE_TAB),
    ("g.dat", GARBAGE_COMMA),
])
def test_binary_bytes_get_no_rename_hint(tmp_path, name, body):
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(TextauditError) as caught:
        load_dataset(path)
    message = caught.value.message
    assert "rename it to" not in message, message
    assert "separated" not in message, message


def test_binary_csv_still_said_binary(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(GARBAGE_TAB)
    with pytest.raises(DataError, match=r"g\.csv: looks like a binary file, not csv text$"):
        load_dataset(path)


@pytest.mark.parametrize("body, said", [
    ("text\tlabel\nun café\ta\n".encode("utf-8"), "tab-separated: rename it to .tsv"),
    ("text\tlabel\xe9\xe8\nun caf\xe9\ta\n".encode("latin-1"), "tab-separated: rename it to .tsv"),
    (b"text,label\nhello,a\n", "comma-separated: rename it to .csv"),
])
def test_text_of_another_extension_keeps_its_hint(tmp_path, body, said):
    path = tmp_path / "d.txt"
    path.write_bytes(body)
    with pytest.raises(TextauditError, match=said):
        load_dataset(path)
