"""A file starting with a UTF-16/32 byte order mark read with another --encoding was told the wrong
thing: Excel's UTF-16 "Unicode Text" with --encoding latin-1 or cp1252 'looks like a binary file (NUL
bytes in the header)', a UTF-32 file with --encoding utf-16 'cannot parse as csv: UTF-16 stream does not
start with BOM' (hostile24, left). The mark names the encoding: one line, exit 1, saying which to pass."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tui.cli import main

TEXT = "text,label\nhello there,a\nbye now,b\nok then,a\nfine,b\n"
BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


@pytest.mark.parametrize(("order", "given"), [
    ("utf-16-le", "latin-1"), ("utf-16-le", "cp1252"), ("utf-16-be", "latin-1"), ("utf-16-le", "utf-16-be"),
    ("utf-32-be", "utf-16"), ("utf-32-le", "utf-16"), ("utf-32-be", "utf-16-be"), ("utf-32-le", "cp1252"),
    ("utf-16-le", "utf-32"),
])
def test_a_wide_bom_read_with_another_encoding_names_it(tmp_path: Path, capsys, order: str, given: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(BOMS[order] + TEXT.encode(order))
    (tmp_path / "j.jsonl").write_text("")
    code = main(["export", str(source), "--encoding", given, "-o", str(tmp_path / "out.csv"),
                 "--journal", str(tmp_path / "j.jsonl")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1, err
    assert f"byte order mark ({order})" in err[0] and err[0].endswith(f"pass --encoding {order[:6]}"), err[0]


@pytest.mark.parametrize(("order", "given"), [("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"), ("utf-32-be", "utf-32"),
                                              ("utf-16-le", "utf-16-le"), ("utf-32-be", "utf-32-be")])
def test_the_encoding_the_mark_names_reads_the_file(tmp_path: Path, order: str, given: str) -> None:
    from engine.load import load_dataset

    source = tmp_path / "in.csv"
    source.write_bytes(BOMS[order] + TEXT.encode(order))
    assert list(load_dataset(source, encoding=given).frame.columns) == ["text", "label"]
