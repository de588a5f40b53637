"""A UTF-8 read that fails only on the file's last byte, every byte before it ASCII, may be a whole Latin-1 file
whose last letter is accented and has no final line break ('hola amigo,Jos\\xe9'): hostile40's cut-off line said
only 'the file looks cut off ...: get the whole file again', which a whole file cannot follow (before it, the line
said 'pass --encoding utf-8', the encoding it was read with). It now says both ways on (diff40)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import TextauditError
from engine.load import load_dataset

ASCII_ROWS = b"text,label\nhello there,tea\nbonjour mon ami,cafe\nhola amigo,Jos"


def test_an_accented_last_letter_of_an_ascii_file_offers_latin1(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(ASCII_ROWS + b"\xe9")  # Latin-1 'José', no line break at the end
    with pytest.raises(TextauditError) as caught:
        load_dataset(path)
    message = caught.value.message
    assert "the file looks cut off" in message  # one way on
    assert "pass --encoding latin-1 (it reads 'é')" in message, message  # the other
    path.write_bytes(ASCII_ROWS + b"\xe9")
    assert load_dataset(path, encoding="latin-1").labels is not None  # and it is whole


def test_a_utf8_file_cut_in_its_last_character_names_no_other_encoding(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes("text,label\nmy card café,a\nthe pin,b\nx é".encode()[:-1])  # UTF-8 before the cut: UTF-8
    with pytest.raises(TextauditError) as caught:
        load_dataset(path)
    assert "the file looks cut off" in caught.value.message and "--encoding" not in caught.value.message
