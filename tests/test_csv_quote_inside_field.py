"""A quote inside an unquoted CSV field (``say 5" nails``, ``6'2" tall``) is data to pandas and the
csv module: only a quote at a field's start opens a quoted run. The export's record split took any
quote as opening one, so such a file's records could not be told apart and every row was written
afresh: one relabel and the whole file changed (quotes dropped from ``"hello there","a"``, the
quote doubled and the field quoted in ``"say 5"" nails"``). Now only the decided rows differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = ['"hello there","a"', 'say 5" nails,b', '"two\r\nlines, ""quoted""","a"', "6'2\" tall,b", '"fine","a"',
        'x "y" z,b']


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_quote_inside_a_field_keeps_the_file_as_it_was(tmp_path: Path, newline: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(("text,label" + newline + newline.join(ROWS) + newline).encode())
    dataset = load_dataset(source)
    assert dataset.texts == ["hello there", 'say 5" nails', 'two\r\nlines, "quoted"', "6'2\" tall", "fine", 'x "y" z']
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 4, label_after="b", issue_type="label")
        opened.record("exclude", 5, issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(dataset, journal, out)
    expected = ROWS[:4] + ['"fine","b"']
    assert out.read_bytes() == ("text,label" + newline + newline.join(expected) + newline).encode()
