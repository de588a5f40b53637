"""A file whose last line is spaces without a line break (an editor's indent left at the end): pandas
skips it as a blank line, but the load said nothing of it (the blank search needs a line break after
it), and took the file as ending without a newline, so an export dropped the line break of its last
row too (a relabel: the last line changed for nothing). Now it is said as any blank line, and the row
before it keeps its line break."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

LINES = {".csv": ["text,label", '"hello there",a', "bye,b", "ok then,a", "fine,b"],
         ".tsv": ["text\tlabel", "hello there\ta", "bye\tb", "ok then\ta", "fine\tb"],
         ".jsonl": ['{"text": "hello there", "label": "a"}', '{"text": "bye", "label": "b"}',
                    '{"text": "ok then", "label": "a"}', '{"text": "fine", "label": "b"}']}


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("exclude_last", [False, True])
def test_a_last_line_of_spaces_is_said_and_the_rows_keep_their_line_breaks(
        tmp_path: Path, suffix: str, newline: str, exclude_last: bool) -> None:
    lines = LINES[suffix]
    source = tmp_path / f"in{suffix}"
    source.write_bytes((newline.join(lines) + newline + "   ").encode())
    dataset = load_dataset(source)
    assert len(dataset.frame) == 4
    assert dataset.style.notes == (f"in{suffix}: 1 blank line is not a row; an export leaves them out",)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 1, label_after="a", issue_type="label")
        if exclude_last:
            opened.record("exclude", 3, issue_type="label")
    out = tmp_path / f"out{suffix}"
    export_corrected(dataset, journal, out)
    expected = [line.replace("bye,b", "bye,a").replace("bye\tb", "bye\ta").replace('"bye", "label": "b"',
                                                                                   '"bye", "label": "a"')
                for line in lines]
    expected = expected[:-1] if exclude_last else expected
    assert out.read_bytes() == (newline.join(expected) + newline).encode()
