"""Label sets of exactly one label on every row: single-label data read as sets says so.

Seen with banking77 test (1,200 rows) as a CSV read with --label-sep '|' and as JSONL
one-item lists: audited as 77 yes/no labels with nothing said; with 60 labels flipped the
flags' F1 was 0.69 there and 0.89 in the single-label audit of the same CSV.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.load import load_dataset

ROWS = [("my card is lost", "card"), ("send money abroad", "transfer"), ("refund please", "refund"),
        ("card not here", "card")]


def _note(dataset) -> list[str]:
    return [w for w in dataset.warnings if "exactly one label" in w]


def test_a_joined_column_of_single_labels_names_the_single_label_audit(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "".join(f"{t},{l}\n" for t, l in ROWS))
    notes = _note(load_dataset(path, label_sep="|"))
    assert len(notes) == 1 and "drop --label-sep" in notes[0]


def test_one_item_lists_name_plain_labels(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": [l]}) + "\n" for t, l in ROWS))
    notes = _note(load_dataset(path))
    assert len(notes) == 1 and "plain labels" in notes[0]


def test_sets_with_two_labels_or_an_empty_one_say_nothing(tmp_path: Path) -> None:
    for extra in (["card", "refund"], []):
        path = tmp_path / "d.jsonl"
        rows = [*ROWS[:-1], (ROWS[-1][0], None)]
        path.write_text("".join(json.dumps({"text": t, "label": [l] if l else extra}) + "\n" for t, l in rows))
        assert _note(load_dataset(path)) == []
