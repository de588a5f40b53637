"""Multi-label sets of floats (2.5 beside 1.0) keep their type on export. A non-integral float was
read as text, so the column 'mixed numbers and text', and a set changed to hold 3 was written
[2.5, "3"] in JSONL, while a Parquet list<double> column became JSON text on every row. An added
item is written as the column writes it (3.0, not 3)."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = [f"ticket {i} about a card payment that failed" for i in range(12)]
SETS = [[1.0, 2.5], [2.5], [3.0]] * 4


def _relabel(tmp_path, path):
    dataset = load_dataset(path, label_column="labels")
    assert not any("mixes numbers and text" in w for w in dataset.warnings)
    assert dataset.class_names == ["1", "2.5", "3"]
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 0, label_after='["1","3"]', issue_type="label")
        open_journal.record("relabel", 1, label_after='["2.5","3"]', issue_type="label")
    return dataset, journal


def test_jsonl_float_sets_stay_floats(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"text": t, "labels": s}) + "\n" for t, s in zip(TEXTS, SETS)))
    dataset, journal = _relabel(tmp_path, path)
    out = tmp_path / "out.jsonl"
    export_corrected(dataset, journal, out)
    cells = [json.loads(line)["labels"] for line in out.read_text().splitlines()]
    assert cells[:4] == [[1.0, 3.0], [2.5, 3.0], [3.0], [1.0, 2.5]]
    assert all(isinstance(v, float) for cell in cells for v in cell)


def test_parquet_list_of_doubles_stays_one(tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": TEXTS, "labels": pa.array(SETS, type=pa.list_(pa.float64()))}), path)
    dataset, journal = _relabel(tmp_path, path)
    out = tmp_path / "out.parquet"
    summary = export_corrected(dataset, journal, out)
    back = pq.read_table(out)
    assert back.schema.field("labels").type == pa.list_(pa.float64())
    assert back.column("labels").to_pylist()[:4] == [[1.0, 3.0], [2.5, 3.0], [3.0], [1.0, 2.5]]
    assert not summary.warnings
