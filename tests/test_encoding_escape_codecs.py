"""--encoding naming one of Python's escape codecs (unicode_escape, raw_unicode_escape) or a domain-name
codec (idna, punycode) is one line, exit 2, in every command (hostile40). They pass the text-encoding probe
(tests/test_encoding_not_text.py) but read a file's bytes as other text: raw_unicode_escape read a text's
'\\u00e9' as 'é' and a UTF-8 '£' as 'Â£' without a note, and an export with an empty journal wrote that row
back changed (the six characters '\\u00e9' became the byte e9); unicode_escape split a row at a text's '\\n'
and blamed the file ('1 row has an empty label'); idna ended in 'cannot parse as csv: ... Unsupported error
handling ignore'."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EXIT_USAGE
from test_hostile_inputs import assert_one_error_line
from tui.cli import main

DATA = b"text,label\nC:\\new folder \\u00e9,a\nprice \xc2\xa3 5,b\nplain one,a\nanother one,b\n"


@pytest.mark.parametrize("encoding", ["raw_unicode_escape", "unicode_escape", "unicode-escape", "idna", "punycode"])
@pytest.mark.parametrize("command", ["export", "audit"])
def test_an_escape_or_domain_name_codec_is_refused(tmp_path: Path, capsys, encoding: str, command: str) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes(DATA)
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    out = tmp_path / "out.csv"
    extra = ["--journal", str(journal), "-o", str(out)] if command == "export" else ["--model", "tfidf"]
    assert main([command, str(data), "--encoding", encoding, *extra]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert_one_error_line(captured.err, f"--encoding {encoding}: not a text encoding that a data file can be in")
    assert captured.out == "" and not out.exists()  # nothing written: the export changed the untouched row


def test_the_export_under_utf8_stays_byte_for_byte(tmp_path: Path) -> None:
    """The same file under its own encoding: an empty journal's export is the input, backslashes and all."""
    data = tmp_path / "d.csv"
    data.write_bytes(DATA)
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_bytes() == DATA
