"""A JSON label column of integers one of which is beyond 64 bits (its classes are named by their digits):
a relabel to a new class '5' was written as the text "5" among the numbers, without a word, where the
same column within 64 bits writes the number 5 (s30 hostile). It is now the number 5, and a word that is
no integer is refused as for any integer column; a column mixing 1 and "1" keeps a new label as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

BIG = 2**64 + 7


def _relabelled(tmp_path: Path, labels: list, label_after: str) -> list:
    data, journal, out = tmp_path / "d.jsonl", tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps({"text": f"text {i}", "label": label}) + "\n" for i, label in enumerate(labels)))
    dataset = load_dataset(data)
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 1, label_after=label_after, issue_type="label", allow_new_label=True)
    export_corrected(dataset, journal, out)
    return [json.loads(line)["label"] for line in out.read_text().splitlines()]


def test_a_new_class_of_a_column_of_big_integers_is_written_as_a_number(tmp_path: Path) -> None:
    labels = [BIG, 3, BIG, 3, BIG, 3]
    assert _relabelled(tmp_path, labels, "5") == [BIG, 5, BIG, 3, BIG, 3]  # was "5", text


def test_a_word_is_no_new_class_of_a_column_of_big_integers(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not an integer"):
        _relabelled(tmp_path, [BIG, 3, BIG, 3], "spam")


def test_a_column_mixing_numbers_and_their_text_keeps_a_new_class_as_text(tmp_path: Path) -> None:
    assert _relabelled(tmp_path, [1, "2", 1, "2", "1", 2], "5") == [1, "5", 1, "2", "1", 2]


def test_a_parquet_export_of_big_integers_says_why_they_are_text(tmp_path: Path) -> None:
    """Written as text with the note 'column 'n' mixes value types', though every value is an int."""
    data, journal, out = tmp_path / "d.jsonl", tmp_path / "j.jsonl", tmp_path / "out.parquet"
    data.write_text("".join(json.dumps({"text": f"text {i}", "label": "ab"[i % 2], "n": [BIG, 3][i % 2], "m": [1, "1"][i % 2]})
                            + "\n" for i in range(4)))
    journal.write_bytes(b"")
    notes = export_corrected(load_dataset(data), journal, out).warnings
    assert "column 'n' holds integers that no 64-bit integer type holds (beyond int64 and uint64); written as text" in notes
    assert "column 'm' mixes value types; written as text" in notes
