"""A UTF-8 file with a BOM read with a single-byte ``--encoding`` (latin-1, cp1252, cp437): the mark
becomes part of the first column's name ('ï»¿text'), and the missing-column line offered that as the
column meant ("did you mean 'ï»¿text'?"). It now says what the characters are and the fix."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.load import load_dataset


@pytest.mark.parametrize(("encoding", "shown"), [("latin-1", "ï»¿"), ("cp1252", "ï»¿"), ("cp437", "∩╗┐")])
def test_a_byte_order_mark_read_as_a_single_byte_encoding_is_named(tmp_path, encoding, shown):
    path = tmp_path / "d.csv"
    path.write_bytes("\ufefftext,label\na cat,c\na dog,d\n".encode("utf-8"))
    with pytest.raises(UsageError) as caught:
        load_dataset(path, encoding=encoding)
    assert caught.value.message.endswith(
        f"(the first column name starts with '{shown}', a UTF-8 byte order mark read as {encoding}: the file is "
        "likely UTF-8; leave out --encoding, and the mark is handled)"), caught.value.message
    assert load_dataset(path).texts == ["a cat", "a dog"]


def test_another_column_error_gets_no_such_words(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("\ufefftext,label\na cat,c\na dog,d\n".encode("utf-8"))
    with pytest.raises(UsageError) as caught:
        load_dataset(path, encoding="latin-1", text_column="label", label_column="label")
    assert "byte order mark" not in caught.value.message
