"""`audit --apply-journal` on label sets joined by a separator reads them with --label-sep.

Seen on multi-label banking77 as CSV (`--label-sep '|'`, a journal made in the app): the command
stopped with 'ml.csv: 2 rows have an empty label ...; with --label-sep '|' an empty cell is an
empty set', --label-sep given: the re-audit loaded the data without it (the app's R, which
hands over its loaded data, was right).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.demo_multilabel import demo_multilabel_path
from engine.load import load_dataset
from engine.multilabel import set_display
from tui.cli import main


def test_apply_journal_reads_joined_sets_with_the_separator(tmp_path: Path, capsys) -> None:
    frame = pd.read_json(demo_multilabel_path(), lines=True)
    frame["labels"] = ["|".join(labels) for labels in frame["labels"]]
    frame.loc[3, "labels"] = ""  # an empty set: read as one only with --label-sep
    data = tmp_path / "ml.csv"
    frame.to_csv(data, index=False)
    dataset = load_dataset(data, label_column="labels", label_sep="|")
    names = dataset.class_names
    journal = tmp_path / "ml.corrections.jsonl"
    with Journal.open(journal, dataset) as book:
        book.record("relabel", 3, label_after=set_display(names, (0,)), issue_type="label")
    code = main(["audit", str(data), "--label-column", "labels", "--label-sep", "|", "--model", "tfidf",
                 "--cache-dir", str(tmp_path / "cache"), "--apply-journal", str(journal), "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    report = json.loads(out.out)
    assert report["n_rows"] == len(frame) and "delta" in report
