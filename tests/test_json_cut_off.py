"""A JSON / JSON Lines file cut off mid-record (a download or copy interrupted) says it looks cut off, as a
CSV/TSV/Parquet file does (engine/cut_off.py, table_read): it said only json's own words, 'not valid JSON on
line 66: Unterminated string starting at (column 40)' (hostile40). Said only where the parser ran out of text
at the file's very end: a .json's, or a JSON Lines file's last line without its line break."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import EXIT_DATA, TextauditError
from engine.load import load_dataset
from test_hostile_inputs import assert_one_error_line
from tui.cli import main

CUT = "the file looks cut off (an interrupted download or copy); get the whole file again"
RECORDS = [{"text": f"my card number {i} was declined again", "label": "xy"[i % 2]} for i in range(40)]
LINES = "".join(json.dumps(r) + "\n" for r in RECORDS)
PRETTY = json.dumps(RECORDS, indent=2) + "\n"
COMPACT = json.dumps(RECORDS)

CUTS = [  # name, text, what json says
    ("d.jsonl", LINES[:LINES.index("number 31") + 6], "on line 32: Unterminated string"),
    ("d.jsonl", LINES[:LINES.index("number 31") + 50], "on line 33: Unterminated string"),
    ("d.jsonl", LINES[:LINES.index('{"text": "my card number 31')] + "{", "on line 32: Expecting property name"),
    ("d.json", PRETTY[:PRETTY.index("number 25") + 40], "Unterminated string"),
    ("d.json", PRETTY[:PRETTY.index("number 25") - 20], "Expecting property name"),
    ("d.json", COMPACT[:COMPACT.index("number 31") + 3], "Unterminated string"),
    ("d.json", COMPACT[:-1], "Expecting ',' delimiter"),
]


@pytest.mark.parametrize(("name", "text", "said"), CUTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CUTS)])
def test_a_json_file_cut_mid_record_says_it_looks_cut_off(tmp_path: Path, capsys, name: str, text: str,
                                                          said: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TextauditError) as caught:
        load_dataset(path)
    assert caught.value.exit_code == EXIT_DATA
    assert said in caught.value.message and caught.value.message.endswith(CUT), caught.value.message
    assert main(["audit", str(path), "--model", "tfidf", "--cache-dir", str(tmp_path / "c")]) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, CUT)


WHOLE_BUT_BAD = [  # broken where the file goes on, or ends whole: json's own words, no cut
    ("d.jsonl", LINES.replace('"label": "y"}', '"label": "y"', 1), "on line 2: Expecting ',' delimiter"),
    ("d.jsonl", LINES + '{"text": "cut", "label"\n', "on line 41: Expecting ':' delimiter"),  # its line break
    ("d.jsonl", LINES.replace('"label": "y"}', '"label": "y}', 1), "on line 2: Unterminated string"),
    ("d.jsonl", LINES + '{"text": "cut", "label"\n  ', "on line 41: Expecting ':' delimiter"),  # blanks after it
    ("d.json", COMPACT[:-1] + ",]", "Expecting value"),  # a trailing comma
    ("d.json", "\n  \n", "Expecting value"),  # blanks only
]


@pytest.mark.parametrize(("name", "text", "said"), WHOLE_BUT_BAD, ids=[f"{c[0]}-{i}" for i, c in enumerate(WHOLE_BUT_BAD)])
def test_a_file_broken_elsewhere_is_not_called_cut_off(tmp_path: Path, name: str, text: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TextauditError) as caught:
        load_dataset(path)
    assert said in caught.value.message and "cut off" not in caught.value.message, caught.value.message
