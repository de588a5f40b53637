"""Random bytes with no NUL byte were told 'not valid utf-8 (...); pass --encoding latin-1 or the file's real
encoding', and following that advice gave 'the header "\\x07cT\\x08bk..." is one column: the file seems separated by
tabs ...; rename it to .tsv' (review33). Bytes that are no text in any encoding (not UTF-8, one in twenty or more a
control character) are said to be a binary file whatever --encoding reads them, with no encoding to try; text in a
single-byte encoding, UTF-16 text and a short header of Windows quotes keep their hints."""

from __future__ import annotations

import random

import pytest

from engine.errors import DataError, TextauditError
from engine.load import load_dataset


def _random_bytes(seed: int, size: int = 5000) -> bytes:
    return bytes(b for b in random.Random(seed).randbytes(size) if b)  # no NUL (a NUL was said binary already)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252"])
def test_random_bytes_are_binary_whatever_the_encoding(tmp_path, seed, encoding):
    path = tmp_path / "r.csv"
    path.write_bytes(_random_bytes(seed))
    with pytest.raises(DataError) as caught:
        load_dataset(path, encoding=encoding)
    assert caught.value.message == f"{path}: looks like a binary file, not csv text", caught.value.message


def test_a_binary_header_read_as_latin1_is_not_told_to_rename(tmp_path):
    """review33's header, in a file too short to judge by its bytes' share of controls."""
    path = tmp_path / "h.csv"
    path.write_bytes(b"\x07cT\x08bk\t\x99\x01\n")
    with pytest.raises(DataError) as caught:
        load_dataset(path, encoding="latin-1")
    assert "rename it" not in caught.value.message and "binary" in caught.value.message, caught.value.message


@pytest.mark.parametrize("body", [
    ("text,label\n" + "".join(f"caf\xe9 cr\xe8me br\xfbl\xe9e {i},a\n" for i in range(40))).encode("latin-1"),
    ("text,label\n" + "".join(f"\u201cquoted\u201d \u2014 dash {i},a\n" for i in range(40))).encode("cp1252"),
    ("text,label\n" + "".join(f"\u043f\u0440\u0438\u0432\u0435\u0442 {i},a\n" for i in range(40))).encode("cp1251"),
    ("\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1" * 100).encode("utf-16-le"),  # Greek: not UTF-8 bytes
    ("text,label\n" + "".join(f"caf\xe9 \x07 bell {i},a\n" for i in range(40))).encode("utf-8"),  # UTF-8: never
], ids=["latin-1", "cp1252", "cp1251", "utf-16-greek", "utf-8-bells"])
def test_text_is_not_control_heavy(body):
    from engine.byte_marks import control_heavy

    assert not control_heavy(body[:8192])


def test_a_latin1_file_read_as_utf8_is_still_told_its_encoding(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(("text,label\n" + "".join(f"caf\xe9 {i},{'ab'[i % 2]}\n" for i in range(40))).encode("latin-1"))
    with pytest.raises(TextauditError, match="pass --encoding latin-1"):
        load_dataset(path)


def test_windows_quotes_header_read_as_latin1_keeps_its_separator_hint(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes("\u201ctext\u201d\t\u201clabel\u201d\nhello\ta\n".encode("cp1252"))
    with pytest.raises(TextauditError, match="rename it to .tsv"):
        load_dataset(path, encoding="latin-1")
