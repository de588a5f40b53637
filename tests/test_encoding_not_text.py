"""--encoding naming a codec Python knows but that is no text encoding (rot13, base64, zlib) or that
encodes nothing (undefined) is one line, exit 2, in every command. Before, export and audit ended in
'textaudit: internal error: LookupError: 'rot13' is not a text encoding ...', exit 70."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EXIT_USAGE
from test_hostile_inputs import assert_one_error_line, base_rows, write_csv
from tui.cli import main


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "undefined"])
@pytest.mark.parametrize("command", ["export", "audit"])
def test_a_codec_that_is_no_text_encoding_is_one_line(tmp_path: Path, capsys, encoding: str, command: str) -> None:
    data = str(write_csv(tmp_path / "d.csv", base_rows()))
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    extra = ["--journal", str(journal), "-o", str(tmp_path / "out.csv")] if command == "export" else ["--model", "tfidf"]
    code = main([command, data, "--encoding", encoding, *extra])
    assert code == EXIT_USAGE
    assert_one_error_line(capsys.readouterr().err, f"--encoding {encoding}: not a text encoding")


def test_text_encodings_still_pass(tmp_path: Path, capsys) -> None:
    data = str(write_csv(tmp_path / "d.csv", base_rows(), encoding="utf-16"))
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    assert main(["export", data, "--encoding", "utf-16", "--journal", str(journal), "-o", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_bytes() == Path(data).read_bytes()
