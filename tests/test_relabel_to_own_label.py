"""A relabel to the row's own label changes nothing, so it is a keep: export's summary said
'2 relabelled' for a row relabelled a -> a and one b -> a, the corrections-only table listed
'a,a,relabel', and the journal's counts agreed (s13 hostile report). The app already wrote such
a relabel as a keep (row_decisions.relabel_rows); the journal now does so for every caller, and
reads an older line of that kind as a keep."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def _data(path: Path) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["src", "text", "label"])
        writer.writerows([("s0", "hello", "a"), ("s1", "pin", "b"), ("s2", "card", "a"), ("s3", "top", "b")])
    return path


def test_every_way_of_writing_it_is_a_keep(tmp_path: Path, capsys) -> None:
    data = _data(tmp_path / "d.csv")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        assert writer.record("relabel", 0, label_after="a", issue_type="label").action == "keep"
        writer.record_group([("relabel", 1, "b"), ("relabel", 2, "b")], issue_type="label")
        writer.record_columns(np.array([3, 0]), np.array([0, 0]), np.array([0, 1]), ["b", "c"],
                              issue_type="label", allow_new_label=True)
        assert writer.counts() == {"relabel": 2, "exclude": 0, "keep": 2}
    actions = [json.loads(line)["action"] for line in journal.read_text().splitlines()]
    assert actions == ["keep", "keep", "relabel", "keep", "relabel"]
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "o.csv")]) == 0
    assert "2 relabelled, 0 excluded, 2 kept as is" in capsys.readouterr().out
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "c.csv"),
                 "--corrections-only"]) == 0
    table = pd.read_csv(tmp_path / "c.csv")
    assert table["row"].tolist() == [0, 2] and (table["label_before"] != table["label_after"]).all()


def test_an_older_journal_line_reads_as_a_keep(tmp_path: Path) -> None:
    data = _data(tmp_path / "d.csv")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
    line = json.loads(journal.read_text())
    journal.write_text(json.dumps({**line, "label_after": "b"}) + "\n")  # as written before: relabel b -> b
    with Journal.open(journal, load_dataset(data), read_only=True) as reader:
        assert reader.counts() == {"relabel": 0, "exclude": 0, "keep": 1}
        assert reader.decision(1).action == "keep" and reader.decision(1).label_after is None


def test_a_multilabel_set_relabelled_to_itself_is_a_keep(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("text,labels\nhello,a|b\npin,b\ncard,a\n")
    dataset = load_dataset(path, label_column="labels", label_sep="|")
    with Journal.open(tmp_path / "m.jsonl", dataset) as writer:
        assert writer.record("relabel", 0, label_after='["b", "a"]', issue_type="label").action == "keep"
        assert writer.record("relabel", 1, label_after='["a"]', issue_type="label").action == "relabel"
