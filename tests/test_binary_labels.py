"""A Parquet ``binary`` label column named each class by its repr: ``b'a'`` was the class "b'a'" on every
screen, in ``given:`` and the report (hostile24, left), and a relabel to a new name wrote a text into the
column, so a CSV/JSON export held the other labels as base64 ('YQ==') and the new one as plain 'newlab'
(read back, a garbled value). Now the classes are named by their UTF-8 text (by the repr where a value is
not UTF-8), a new name is written as bytes like the rest, and a journal made when they showed the reprs
still applies."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit", "bus road", "cat pet"]


def _binary(path: Path, labels: list[bytes], kind=pa.binary()) -> Path:
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array(labels, kind)}), path)
    return path


@pytest.mark.parametrize("kind", [pa.binary(), pa.large_binary()])
def test_binary_labels_are_named_by_their_text(tmp_path: Path, kind) -> None:
    dataset = load_dataset(_binary(tmp_path / "in.parquet", [b"a", b"b", b"c"] * 2, kind))
    assert dataset.class_names == ["a", "b", "c"]


def test_a_new_name_in_a_binary_column_is_written_as_bytes_like_the_others(tmp_path: Path) -> None:
    source = _binary(tmp_path / "in.parquet", [b"a", b"b", b"c"] * 2)
    dataset = load_dataset(source)
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        journal.record("relabel", 0, label_after="b", issue_type="label")
        journal.record("relabel", 1, label_after="newlab", issue_type="label", allow_new_label=True)
    want = [b"b", b"newlab", b"c", b"a", b"b", b"c"]
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist() == want
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.jsonl")
    cells = [json.loads(line)["label"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [base64.b64decode(c) for c in cells] == want
    assert load_dataset(tmp_path / "out.parquet").class_names == ["a", "b", "c", "newlab"]


def test_a_column_that_is_not_utf8_keeps_the_reprs(tmp_path: Path) -> None:
    source = _binary(tmp_path / "in.parquet", [b"a", b"b", b"\xff"] * 2)
    dataset = load_dataset(source)
    assert dataset.class_names == ["b'\\xff'", "b'a'", "b'b'"]
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        with pytest.raises(UsageError, match="written another way"):
            journal.record("relabel", 0, label_after="b'\\x62'", issue_type="label", allow_new_label=True)
        journal.record("relabel", 0, label_after="b'new'", issue_type="label", allow_new_label=True)
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist()[:2] == [b"new", b"b"]


def test_a_journal_made_when_the_labels_showed_their_reprs_still_applies(tmp_path: Path) -> None:
    source = _binary(tmp_path / "in.parquet", [b"a", b"b", b"c"] * 2)
    dataset = load_dataset(source)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        opened.record("relabel", 0, label_after="b", issue_type="label")
    line = json.loads(journal.read_text())
    assert (line["label_before"], line["label_after"]) == ("a", "b")
    journal.write_text(json.dumps({**line, "label_before": "b'a'", "label_after": "b'b'"}) + "\n")
    summary = export_corrected(dataset, journal, tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist()[0] == b"b", summary


def test_list_of_binary_label_sets_are_named_by_their_text_and_written_back_as_bytes(tmp_path: Path) -> None:
    source = tmp_path / "sets.parquet"
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array([[b"a"], [b"b", b"a"], [b"c"]] * 2,
                                                                pa.list_(pa.binary()))}), source)
    dataset = load_dataset(source)
    assert dataset.class_names == ["a", "b", "c"] and dataset.label_display(1) == '["a","b"]'
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        journal.record("relabel", 0, label_after='["a","c"]', issue_type="label")
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist()[:2] == [[b"a", b"c"], [b"b", b"a"]]
