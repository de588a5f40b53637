"""--encoding utf-16 or utf-32 (which read the byte order from a byte order mark) on a file without one was
told Python's own words: a UTF-8 CSV read with --encoding utf-16 said 'cannot parse as csv: UTF-16 stream
does not start with BOM', naming neither the cause nor the fix. Now one line, exit 1, saying the file has no
mark and which encoding it looks like (UTF-8, or UTF-16/32 of a byte order, which --encoding utf-16-le reads)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

TEXT = "text,label\nhello there,a\nbye now,b\nok then,a\nfine,b\n"


@pytest.mark.parametrize(("codec", "given", "fix"), [
    ("utf-8", "utf-16", "pass --encoding utf-8 or the file's real encoding"),
    ("utf-8", "utf-32", "pass --encoding utf-8 or the file's real encoding"),
    ("utf-16-le", "utf-16", "it looks like UTF-16 text: pass --encoding utf-16-le"),
    ("utf-16-be", "utf-16", "it looks like UTF-16 text: pass --encoding utf-16-be"),
    ("utf-32-le", "utf-32", "it looks like UTF-32 text: pass --encoding utf-32-le"),
    ("utf-32-be", "utf-16", "it looks like UTF-32 text: pass --encoding utf-32-be"),
])
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_no_byte_order_mark_for_utf16_or_utf32_is_one_line(tmp_path: Path, capsys, codec: str, given: str, fix: str,
                                                          suffix: str) -> None:
    body = TEXT if suffix == "csv" else "".join(f'{{"text": "{t}", "label": "{l}"}}\n'
                                                 for t, l in (row.split(",") for row in TEXT.splitlines()[1:]))
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(body.encode(codec))
    code = main(["audit", str(source), "--encoding", given, "--model", "tfidf"])
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("[")]
    assert code == 1 and len(err) == 1, err
    assert "the file has none" in err[0] and err[0].endswith(fix), err[0]


def test_a_file_with_its_mark_still_reads(tmp_path: Path) -> None:
    from engine.load import load_dataset

    source = tmp_path / "in.csv"
    source.write_bytes(TEXT.encode("utf-16"))
    assert load_dataset(source, encoding="utf-16").texts[0] == "hello there"
