"""The export's summary clause on journal decisions that did not apply says why as the warnings do (review38:
a journal copied with its data into another folder, whose one relabel names a label no class of the data, was
said 'the journal was made on d/b40.csv, not on this data'; in the data's own folder 'its row changed since')."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import read_decisions
from engine.load import load_dataset

TEXTS = [f"ticket {i} about a card payment" for i in range(12)]


def _write(path: Path, texts: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("text,label\n" + "".join(f"{t},{'ab'[i % 2]}\n" for i, t in enumerate(texts)))
    return path


@pytest.mark.parametrize(("folder", "texts", "why"), [
    ("a", TEXTS, "a label is not a class of this dataset"),  # its own file
    ("b", TEXTS, "a label is not a class of this dataset"),  # the file copied: the same rows
    ("b", ["edited"] + TEXTS[1:], "the journal was made on a/train.csv, not on this data; "
                                  "a label is not a class of this dataset"),
])
def test_the_clause_says_why(tmp_path: Path, monkeypatch, folder, texts, why) -> None:
    monkeypatch.chdir(tmp_path)
    journal = tmp_path / "j.corrections.jsonl"
    with Journal.open(journal, load_dataset(_write(tmp_path / "a" / "train.csv", TEXTS))) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
        writer.record("keep", 0, issue_type="label")
        writer.record("exclude", 2, issue_type="outlier")
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    lines[0]["label_after"] = "no_such_class"  # edited by hand
    journal.write_text("".join(json.dumps(line) + "\n" for line in lines))
    data = _write(tmp_path / folder / "train.csv", texts) if folder != "a" else tmp_path / "a" / "train.csv"
    count = 2 if texts != TEXTS else 1
    _, _, report, unapplied = read_decisions(load_dataset(data), journal)
    assert unapplied == f"{count} journal decision{'s' if count > 1 else ''} NOT applied ({why}; see the warnings)"
