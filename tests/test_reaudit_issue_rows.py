"""``audit --apply-journal J --issues-out t.csv``: the table's ``row`` counted the corrected
data's rows (excluded rows gone), so a merge on ``row`` with the data file matched every row after
the first exclusion to the wrong one (the demo with rows 0-2 excluded: 255 of 255 wrong), and its
near-duplicate sets named the wrong rows too. Both count the data file's rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

TOPICS = {"a": "my card was lost at the station please block it", "b": "how do I change the pin of my card"}


def test_rows_and_near_duplicate_sets_count_the_data_files_rows(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [(f"{TOPICS[label]} number {i}", label) for i, label in enumerate("ab" * 15)]
    rows[20] = rows[21] = ("exactly the same words twice over", "a")  # a near-duplicate pair after the exclusions
    data = tmp_path / "d.csv"
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(data, index=False)
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data)) as journal:
        for row in (0, 1, 5):
            journal.record("exclude", row, issue_type="label")
    assert main(["audit", str(data), "--apply-journal", "j.jsonl", "--issues-out", "t.csv", "--model", "tfidf",
                 "--no-cache", "--format", "json"]) == 0, capsys.readouterr().err
    table = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    source = pd.read_csv(data)
    assert table["row"].tolist() == [r for r in range(30) if r not in (0, 1, 5)]
    assert (source["text"].iloc[table["row"]].tolist()) == table["text"].tolist()
    pair = table.loc[table["row"] == 20, "near_duplicate_sets"].item()
    assert str(pair).split() == ["21"], pair
