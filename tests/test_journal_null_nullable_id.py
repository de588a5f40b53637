"""--id-column holding pandas' own missing value (review26): an Int64, boolean or datetime id column's empty
cell (JSONL ids with a null, a Parquet int column with a gap) was journalled as the id "<NA>" (or "NaT"), not
null, so the rule 'a null id names no row' (tests/test_journal_null_id.py, for NaN) did not hold: the line
was matched by that id. The exclusion of one of two identical null-id rows, replayed on its own export,
matched the copy left by "<NA>" (skipping the identical-copies check) and the export of the export dropped
the text altogether. Such a cell is now journalled as null, and a line spelled "<NA>" or "NaT" reads as null."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset

ROWS = [(0, "hello there", "a"), (None, "dup row", "b"), (None, "dup row", "b"), (3, "more text", "a")]


def _jsonl(path: Path) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, "label": l}) + "\n" for i, t, l in ROWS))
    return path


def _lines(journal: Path) -> list[dict]:
    return [json.loads(line) for line in journal.read_text().splitlines()]


def test_the_export_of_the_export_keeps_the_copy_left(tmp_path: Path) -> None:
    data, journal, out = _jsonl(tmp_path / "d.jsonl"), tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
    assert _lines(journal)[0]["id"] is None  # was "<NA>"
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    assert [json.loads(line)["text"] for line in out.read_text().splitlines()] == ["hello there", "dup row", "more text"]
    with pytest.raises(DataError, match="identical copies and fewer of them are left"):  # was: 'dup row' dropped
        export_corrected(load_dataset(out, id_column="id"), journal, tmp_path / "again.jsonl")


def test_a_line_spelled_na_reads_as_a_null_id(tmp_path: Path) -> None:
    """Journals written before: "<NA>" is taken as null, on the export and on the data it was made on."""
    data, journal, out = _jsonl(tmp_path / "d.jsonl"), tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
        writer.record("relabel", 0, label_after="b", issue_type="label")
    journal.write_text(journal.read_text().replace('"id":null', '"id":"<NA>"'))
    with Journal.open(journal, load_dataset(data, id_column="id"), read_only=True) as replayed:
        assert replayed.decision(2).action == "exclude" and replayed.decision(1) is None
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    with Journal.open(journal, load_dataset(out, id_column="id"), read_only=True) as replayed:
        assert replayed.decision(1) is None  # was: the copy left excluded
        assert any("identical copies" in line for line in replayed.load_report)


def test_a_parquet_int_and_datetime_id_gap_is_journalled_as_null(tmp_path: Path) -> None:
    data, journal = tmp_path / "d.parquet", tmp_path / "j.jsonl"
    pq.write_table(pa.table({"id": pa.array([1, None, 3], pa.int64()),
                             "when": pa.array([0, None, 2], pa.timestamp("s")),
                             "text": ["one text", "two text", "three text"], "label": ["a", "b", "a"]}), data)
    for column in ("id", "when"):
        journal.unlink(missing_ok=True)
        with Journal.open(journal, load_dataset(data, id_column=column)) as writer:
            writer.record("relabel", 1, label_after="a", issue_type="label")
            writer.record_group([("keep", 0, None), ("keep", 1, None)], issue_type="near_duplicate")
        assert [line["id"] for line in _lines(journal)][:3:2] == [None, None], column


def _repeated_id(path: Path) -> Path:
    rows = [(0, "hello there", "a"), (7, "dup row", "b"), (7, "dup row", "b"), (3, "more text", "a")]
    path.write_text("".join(json.dumps({"id": i, "text": t, "label": l}) + "\n" for i, t, l in rows))
    return path


def test_identical_rows_sharing_an_id_keep_the_copy_left(tmp_path: Path) -> None:
    """The same with an id repeated on two identical rows: the exclusion matched the copy left by its id."""
    data, journal, out = _repeated_id(tmp_path / "d.jsonl"), tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 2, issue_type="near_duplicate")
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    with pytest.raises(DataError, match="identical copies and fewer of them are left"):  # was: 'dup row' dropped
        export_corrected(load_dataset(out, id_column="id"), journal, tmp_path / "again.jsonl")


def test_a_relabel_of_one_of_identical_rows_sharing_an_id_is_not_given_to_the_other(tmp_path: Path) -> None:
    data, journal, out = _repeated_id(tmp_path / "d.jsonl"), tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    with Journal.open(journal, load_dataset(data, id_column="id")) as writer:
        writer.record("exclude", 0, issue_type="label")
        writer.record("relabel", 1, label_after="a", issue_type="label")  # in the export, the other copy is at 1
        writer.record("keep", 3, issue_type="label")
    export_corrected(load_dataset(data, id_column="id"), journal, out)
    again = tmp_path / "again.jsonl"
    export_corrected(load_dataset(out, id_column="id"), journal, again)  # the keep still applies
    assert again.read_text() == out.read_text()  # was: both copies relabelled
