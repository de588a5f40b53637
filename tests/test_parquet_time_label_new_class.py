"""A new class in a Parquet label column of dates or timestamps: the relabel's label stayed text, so the export
wrote the whole column as strings ('column 'label' changed type from date32[day] to string to hold the new
values'), every row's label changed in type though only one was decided, and a later read named the classes
anew (hostile43). A new label is now read as the column's type, as an integer column's is: '2020-01-09' is a
date there, the column keeps date32 / timestamp[us] / its time zone, and a label that is no such value is
refused with one line."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

UTC = datetime.timezone.utc
COLUMNS = {
    "date": (pa.date32(), [datetime.date(2020, 1, 1 + i % 2) for i in range(6)], "2020-01-09"),
    "timestamp": (pa.timestamp("us"), [datetime.datetime(2020, 1, 1 + i % 2, 12) for i in range(6)],
                  "2020-01-09 12:00:00"),
    "zoned": (pa.timestamp("us", tz="UTC"), [datetime.datetime(2020, 1, 1 + i % 2, 12, tzinfo=UTC) for i in range(6)],
              "2020-01-09 12:00:00+00:00"),
}


def _data(tmp_path: Path, kind: str) -> Path:
    arrow_type, labels, _ = COLUMNS[kind]
    path = tmp_path / f"{kind}.parquet"
    pq.write_table(pa.table({"text": [f"text number {i}" for i in range(6)], "label": pa.array(labels, arrow_type)}),
                   path)
    return path


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_new_class_keeps_the_column_type(tmp_path: Path, kind: str) -> None:
    source = _data(tmp_path, kind)
    dataset = load_dataset(source)
    new = COLUMNS[kind][2]
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal:
        journal.record("relabel", 0, label_after=new, issue_type="label", allow_new_label=True)
    out = tmp_path / "out.parquet"
    warnings = export_corrected(dataset, tmp_path / "j.jsonl", out).warnings
    assert not any("changed type" in line for line in warnings)
    written, given = pq.read_table(out), pq.read_table(source)
    assert written.schema.field("label").type == given.schema.field("label").type
    assert written["label"].to_pylist()[1:] == given["label"].to_pylist()[1:]
    assert load_dataset(out).label_display(0) == new


@pytest.mark.parametrize("kind, typed, said", [
    ("date", "maybe", "label 'maybe' is not a date (YYYY-MM-DD), but the labels are"),
    ("date", "2020-1-9", "label '2020-1-9' is not a date (YYYY-MM-DD), but the labels are"),
    ("timestamp", "NaT", "label 'NaT' is not a time as the classes are written ('2020-01-01 12:00:00')"),
    ("timestamp", "2020-01-09 12:00:00+00:00", "is not a time as the classes are written"),
    ("zoned", "2020-01-09 12:00:00", "'2020-01-09 12:00:00' would be written as 2020-01-09 12:00:00+00:00; "
                                     "relabel to '2020-01-09 12:00:00+00:00'"),
])
def test_label_that_is_no_such_value_is_refused(tmp_path: Path, kind: str, typed: str, said: str) -> None:
    dataset = load_dataset(_data(tmp_path, kind))
    with Journal.open(tmp_path / "j.jsonl", dataset) as journal, pytest.raises(UsageError) as error:
        journal.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)
    assert said in str(error.value) and "\n" not in str(error.value)
