"""A label column mixing texts and numbers (JSON Lines ``"1"`` on some rows, ``1`` on others): each class is named by
its text and kept one original value, its first row's. A relabel to a class spelled both ways wrote that first
spelling whatever the row held, and ``--corrections-only``'s label_before was the class's first value, not the row's
(review33). Now: a class spelled both ways gets the spelling of the row's own type; a class spelled one way keeps
it (writing ``0`` to a class only ever ``"0"`` would make it spelled both ways, and a reload would say so);
label_before is what the row held."""

from __future__ import annotations

import json
from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

#: class '1' spelled both ways (first as the number 1); '0' and 'cat' only texts; '7' only a number
LABELS = ["0", 1, "1", "0", "cat", 7] * 2


def _mixed(path: Path) -> Path:
    path.write_text("".join(json.dumps({"text": f"text number {i}", "label": label}) + "\n"
                            for i, label in enumerate(LABELS)))
    return path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_class_spelled_both_ways_is_written_in_the_rows_type(tmp_path):
    dataset = load_dataset(_mixed(tmp_path / "m.jsonl"))
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record_group([("relabel", 0, "1"), ("relabel", 4, "1"), ("relabel", 5, "1"), ("relabel", 1, "0"),
                             ("relabel", 3, "7")], issue_type="label")
    export_corrected(dataset, journal, tmp_path / "out.jsonl")
    labels = [record["label"] for record in _records(tmp_path / "out.jsonl")]
    assert labels[:6] == ["1", "0", "1", 7, "1", 1]  # rows 0 and 4 held texts: "1", not the first row's 1
    assert labels[6:] == LABELS[6:]
    again = load_dataset(tmp_path / "out.jsonl")
    assert [again.class_names[int(c)] for c in again.labels[:6]] == ["1", "0", "1", "7", "1", "1"]
    spelled_both = [note for note in again.warnings if "are one class" in note]
    assert len(spelled_both) == 1 and "class '1'" in spelled_both[0], again.warnings  # no class newly spelled so


def test_corrections_only_label_before_is_what_the_row_held(tmp_path):
    dataset = load_dataset(_mixed(tmp_path / "m.jsonl"))
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record_group([("relabel", 2, "cat"), ("relabel", 4, "1"), ("exclude", 8, None), ("exclude", 7, None)],
                            issue_type="label")
    export_corrected(dataset, journal, tmp_path / "c.jsonl", corrections_only=True)
    by_row = {record["row"]: record for record in _records(tmp_path / "c.jsonl")}
    assert (by_row[2]["label_before"], by_row[2]["label_after"]) == ("1", "cat")  # held the text "1"
    assert (by_row[4]["label_before"], by_row[4]["label_after"]) == ("cat", "1")
    assert (by_row[8]["label_before"], by_row[7]["label_before"]) == ("1", 1)


def test_a_column_of_one_type_is_unchanged(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text("".join(json.dumps({"text": f"text {i}", "label": i % 3}) + "\n" for i in range(9)))
    dataset = load_dataset(path)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="2", issue_type="label")
    export_corrected(dataset, journal, tmp_path / "out.jsonl")
    assert _records(tmp_path / "out.jsonl")[0]["label"] == 2
