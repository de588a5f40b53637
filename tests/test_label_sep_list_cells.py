"""A JSONL label column mixing lists and joined strings, read with --label-sep: a relabelled row
whose cell was a list (["a", "b"]) was written as the string "c", changing the cell's JSON type
(s15 hostile). A list cell now stays a list; a joined cell stays joined."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

ROWS = [("alpha beta", ["a", "b"]), ("gamma", "a|c"), ("delta", ["c"]), ("eps", "a|b"), ("zeta", ["a"]),
        ("eta", "b|c")]


def test_each_cell_keeps_its_form(tmp_path: Path, capsys) -> None:
    data, journal, out = tmp_path / "d.jsonl", tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps({"text": t, "labels": labels}) + "\n" for t, labels in ROWS))
    loaded = load_dataset(data, label_column="labels", label_sep="|")
    with Journal.open(journal, loaded) as writer:
        writer.record("relabel", 0, label_after=json.dumps(["c"]), issue_type="label")
        writer.record("relabel", 1, label_after=json.dumps(["b"]), issue_type="label")
    assert main(["export", str(data), "--label-column", "labels", "--label-sep", "|", "--journal", str(journal),
                 "-o", str(out)]) == 0
    cells = [json.loads(line)["labels"] for line in out.read_text().splitlines()]
    assert cells == [["c"], "b", ["c"], "a|b", ["a"], "b|c"]
