"""A relabelled label set in a ``.json`` written with ``indent`` keeps the file's layout: one item a
line at the file's indents, as the lists around it.

Seen on multi-label banking77 saved by pandas' ``to_json(orient='records', indent=1)``: every
relabelled set came out on one line (``"tags":["card","getting_virtual_card"]``) among lists
spanning several, so a diff of the export showed whole lists rewritten. (An empty list that
json.dump wrote as '[]' gives no layout to follow: a set given there stays on one line.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset
from engine.multilabel import set_display

TEXTS = ["my card is lost", "send money abroad", "no label here", "card payment failed", "top up failed"]
SETS = [["card", "lost"], ["transfer"], [], ["payment", "card"], ["top_up"]]
AFTER = {2: ["card"], 3: ["payment", "card", "lost"], 1: ["transfer", "top_up"]}  # kept labels keep their order
LAID_OUT = {"pandas": AFTER, "json.dump": {row: labels for row, labels in AFTER.items() if SETS[row]}}


def _write(path: Path, how: str, sets: list[list[str]]) -> None:
    if how == "pandas":
        path.write_text(pd.DataFrame({"text": TEXTS, "tags": sets}).to_json(orient="records", indent=1))
    else:
        path.write_text(json.dumps([{"text": t, "tags": s} for t, s in zip(TEXTS, sets)], indent=2) + "\n")


@pytest.mark.parametrize("how", ["pandas", "json.dump"])
def test_a_relabelled_set_is_laid_out_as_the_file_lays_out_lists(tmp_path: Path, how: str) -> None:
    data = tmp_path / "d.json"
    _write(data, how, SETS)
    dataset = load_dataset(data, label_column="tags")
    names = dataset.class_names
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as book:
        for row, labels in LAID_OUT[how].items():
            book.record("relabel", row, label_after=set_display(names, [names.index(x) for x in labels]),
                        issue_type="label")
    out = tmp_path / "out.json"
    export_corrected(dataset, journal, out)
    expected = tmp_path / "expected.json"
    _write(expected, how, [LAID_OUT[how].get(row, labels) for row, labels in enumerate(SETS)])
    assert out.read_text() == expected.read_text()
