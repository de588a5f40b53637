"""``--id-column`` values that are not one number or text (hostile25, left). A Parquet ``list<int>``,
``struct`` or ``map`` id column was accepted and journalled as a numpy or dict repr (``"[100   7]"``,
``"{'k': 100}"``), and ``--corrections-only`` wrote those reprs; now it is refused in one line, as such a
text or label column is. A ``binary`` id was journalled and shown as ``"b'id0'"`` and the changed-rows CSV
wrote ``b'id0'`` where the whole export writes that column as base64: now it is named by its UTF-8 text,
the changed-rows table writes the column's own bytes (as the whole export does), and a line made when the
reprs showed still applies."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit", "bus road", "cat pet"]
LABELS = ["a", "b", "c", "a", "b", "c"]


def _parquet(path: Path, ids: pa.Array) -> Path:
    pq.write_table(pa.table({"text": TEXTS, "label": LABELS, "id": ids}), path)
    return path


@pytest.mark.parametrize(("ids", "kind"), [
    (pa.array([[i, 7] for i in range(6)]), "list"),
    (pa.array([{"k": i} for i in range(6)]), "record"),
    (pa.array([[("k", i)] for i in range(6)], pa.map_(pa.string(), pa.int64())), "record"),
])
def test_an_id_column_of_lists_or_records_is_refused(tmp_path: Path, monkeypatch, capsys, ids, kind) -> None:
    source = _parquet(tmp_path / "d.parquet", ids)
    with pytest.raises(DataError, match=f"id column 'id' holds a {kind} value .*; an id is one number or text a row"):
        load_dataset(source, id_column="id")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["audit", "d.parquet", "--id-column", "id", "--model", "tfidf"]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert len(said) == 1 and "an id is one number or text a row" in said[0], said


def test_a_binary_id_is_named_by_its_text(tmp_path: Path) -> None:
    source = _parquet(tmp_path / "d.parquet", pa.array([f"id{i}".encode() for i in range(6)], pa.binary()))
    dataset = load_dataset(source, id_column="id")
    assert dataset.ids == [f"id{i}" for i in range(6)]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
        writer.record("exclude", 2, issue_type="label")
    assert [json.loads(line)["id"] for line in journal.read_text().splitlines()] == ["id1", "id2"]
    export_corrected(dataset, journal, tmp_path / "all.csv")
    export_corrected(dataset, journal, tmp_path / "changes.csv", corrections_only=True)
    whole = {row["text"]: row["id"] for row in csv.DictReader((tmp_path / "all.csv").open())}
    changes = list(csv.DictReader((tmp_path / "changes.csv").open()))
    assert [row["id"] for row in changes] == [whole["car road"], "aWQy"]  # base64, as the whole export writes it
    export_corrected(dataset, journal, tmp_path / "changes.parquet", corrections_only=True)
    assert pq.read_table(tmp_path / "changes.parquet").column("id").to_pylist() == [b"id1", b"id2"]


def test_a_journal_made_when_binary_ids_showed_as_reprs_still_applies(tmp_path: Path) -> None:
    source = _parquet(tmp_path / "d.parquet", pa.array([f"id{i}".encode() for i in range(6)], pa.binary()))
    # reversed rows: only the id (not the row position) finds row 'car road'
    pq.write_table(pq.read_table(source).take(list(range(5, -1, -1))), tmp_path / "moved.parquet")
    dataset = load_dataset(source, id_column="id")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after="a", issue_type="label")
    line = json.loads(journal.read_text())
    line["id"] = "b'id1'"  # as textaudit wrote it before binary ids were named by their text
    journal.write_text(json.dumps(line) + "\n")
    moved = load_dataset(tmp_path / "moved.parquet", id_column="id")
    with Journal.open(journal, moved, read_only=True) as reader:
        assert {row: d.label_after for row, d in reader.decisions().items()} == {4: "a"}
