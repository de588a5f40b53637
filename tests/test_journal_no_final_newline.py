"""A journal whose last line is a whole entry without its newline (saved by an editor that ends
no file in one, VS Code's default) lost that decision: it was 'ignored a torn last line (366 bytes
without a newline: a write cut off by a crash)' by export, and a writable open (the app) cut it off
the file (s17 hostile2, ag_news slice: 3 exclusions exported as 2). A cut-off partial line is still
torn (test_corrections)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pilot_helpers import journal_lines

from engine.corrections import Journal
from engine.load import load_dataset


@pytest.fixture
def dataset(tmp_path: Path):
    rows = [(f"r{i}", text, label) for i, (text, label) in enumerate(
        [("my card is lost", "a"), ("how do I change my pin", "b"), ("what is my balance", "c")] * 2)]
    path = tmp_path / "tiny.csv"
    pd.DataFrame(rows, columns=["id", "text", "label"]).to_csv(path, index=False)
    return load_dataset(path, id_column="id")


def test_a_whole_last_line_without_its_newline_is_read(dataset, journal_path):
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 0, label_after="b", issue_type="label")
        journal.record("exclude", 1, issue_type="outlier")
    saved = journal_path.read_bytes()
    journal_path.write_bytes(saved.rstrip(b"\n"))  # an editor's save

    with Journal.open(journal_path, dataset, read_only=True) as reader:
        assert reader.load_report == [] and reader.decisions().keys() == {0, 1}
    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == [] and journal.decisions().keys() == {0, 1}
        assert journal_path.read_bytes() == saved.rstrip(b"\n")  # nothing cut off
        journal.record("keep", 2, issue_type="label")
    assert [line["row"] for line in journal_lines(journal_path)] == [0, 1, 2]  # the next line on its own
    with Journal.open(journal_path, dataset) as journal:
        assert journal.load_report == [] and journal.decisions().keys() == {0, 1, 2}

