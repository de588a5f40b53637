"""A new label in a Parquet ``decimal128`` label column was written as text, so the column became strings
(a warning said so) and '2.5' typed beside the class '2.50' made a second class of the same value, told
apart only after the export was read back (hostile25, left). A new label is now a Decimal with the column's
decimal places: the column keeps its type (widened in precision only where a value needs it), a value that
is a class written another way is refused naming it, one that would be written otherwise ('4.5' -> 4.50)
says how to type it, as in an int or float column, and one the column cannot hold ('4.125', 'abc') is
refused."""

from __future__ import annotations

import decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit", "bus road", "cat pet"]
VALUES = [decimal.Decimal(v) for v in ["1.00", "2.50", "3.00", "1.00", "2.50", "3.00"]]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array(VALUES, pa.decimal128(3, 2))}), path)
    return path


def test_a_new_label_keeps_the_decimal_column(source: Path, tmp_path: Path) -> None:
    dataset = load_dataset(source)
    assert dataset.class_names == ["1.00", "2.50", "3.00"]
    with Journal.open(tmp_path / "j.jsonl", dataset) as writer:
        writer.record("relabel", 0, label_after="4.50", issue_type="label", allow_new_label=True)
        writer.record("relabel", 1, label_after="123.40", issue_type="label", allow_new_label=True)
    summary = export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")
    assert pa.types.is_decimal(table.schema.field("label").type), summary.warnings
    assert [str(v) for v in table.column("label").to_pylist()] == ["4.50", "123.40", "3.00", "1.00", "2.50", "3.00"]
    assert load_dataset(tmp_path / "out.parquet").class_names == ["1.00", "2.50", "3.00", "4.50", "123.40"]
    export_corrected(dataset, tmp_path / "j.jsonl", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text().splitlines()[1:3] == ["apple fruit,4.50", "car road,123.40"]


@pytest.mark.parametrize(("typed", "said"), [
    ("2.5", "'2.5' is the class '2.50' written another way; relabel to '2.50'"),
    ("4.5", "'4.5' would be written as 4.50; relabel to '4.50'"),
    ("4.125", "label '4.125' is not a number with at most 2 decimal places"),
    ("abc", "label 'abc' is not a number with at most 2 decimal places"),
    ("nan", "label 'nan' is not a number with at most 2 decimal places"),
])
def test_a_label_the_column_would_write_otherwise_is_refused(source: Path, tmp_path: Path, typed: str,
                                                             said: str) -> None:
    with Journal.open(tmp_path / "j.jsonl", load_dataset(source)) as writer:
        with pytest.raises(UsageError) as raised:
            writer.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)
    assert raised.value.message.startswith(said), raised.value.message
    assert (tmp_path / "j.jsonl").read_text() == ""
