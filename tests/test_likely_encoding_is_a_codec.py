"""text_encoding.likely_encoding() returned, for words of a non-Latin script's code page (Russian cp1251),
the phrase 'cp1251 (Cyrillic), cp1253 (Greek), ... as its script is,' where its callers expect a codec
name: passed on to a codec, it raised LookupError. It now returns a codec name, or None for such a file
(the bytes cannot say which script's page); the error line still names the pages."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset
from engine.text_encoding import SCRIPT_PAGES, likely_encoding

RUSSIAN = "text,label\n" + "".join(f"привет мир номер {i},{'ab'[i % 2]}\n" for i in range(12))


@pytest.mark.parametrize(("text", "codec"), [
    (RUSSIAN, "cp1251"), ("text,label\ncafé au lait,a\nbye,b\n", "latin-1"),
    ("text,label\n\u201cquoted\u201d \u2013 dash,a\nbye,b\n", "cp1252"), ("text,label\nhello,a\n", "utf-16"),
], ids=["cp1251", "latin-1", "cp1252", "utf-16"])
def test_likely_encoding_is_a_codec_name_or_none(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode(codec))
    guess = likely_encoding(path)
    if codec == "cp1251":
        assert guess is None
    else:
        assert codecs.lookup(guess).name == codecs.lookup(codec).name


def test_the_error_line_still_names_the_script_pages(tmp_path: Path) -> None:
    path = tmp_path / "ru.csv"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert caught.value.message.endswith(f"pass --encoding {SCRIPT_PAGES} or the file's real encoding")
