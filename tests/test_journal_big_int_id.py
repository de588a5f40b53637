"""The journal from Python (not the CLI, which lifts the limit for its whole run) with an id column holding an
integer of over 4,300 digits: ``Journal.open(...).record`` raised Python's 'Exceeds the limit (4300 digits) for
integer string conversion' while writing the id (bigint40's 'left'). Each read and write of the journal lifts
it now (engine/big_ints), and the limit is back once the call returns."""

from __future__ import annotations

import json
import sys

import numpy as np

from engine.big_ints import any_size_ints
from engine.corrections import Journal
from engine.load import load_dataset

BIG = 10 ** 5000 + 3


def test_a_huge_integer_id_is_recorded_undone_and_read_back(tmp_path):
    data = tmp_path / "d.jsonl"
    texts = ["a cat sat", "a dog ran", "the cat", "the dog"]
    with any_size_ints():
        data.write_text("".join(json.dumps({"id": BIG if i == 1 else i, "text": t, "label": "xy"[i % 2]}) + "\n"
                                for i, t in enumerate(texts)))
    dataset = load_dataset(data, id_column="id")
    limit = sys.get_int_max_str_digits()
    assert limit and dataset.ids[1] == BIG
    path = tmp_path / "j.jsonl"
    with Journal.open(path, dataset) as journal:
        journal.record("relabel", 1, label_after="x", issue_type="label")
        journal.undo()
        journal.redo()
        journal.record_columns(np.array([3]), np.array([1], dtype=np.int8), np.array([-1]), [], issue_type="label")
    assert sys.get_int_max_str_digits() == limit
    with Journal.open(path, dataset, read_only=True) as journal:
        decisions = journal.decisions()
        assert journal.load_report == []
    assert {row: d.action for row, d in decisions.items()} == {1: "relabel", 3: "exclude"}
    assert sys.get_int_max_str_digits() == limit
    with any_size_ints():
        assert json.loads(path.read_text().splitlines()[0])["id"] == BIG
