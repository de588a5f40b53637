"""A Parquet label column of dates relabelled to another date of it: the export said 'label column
'label' changed from object to object to hold the new labels' (date(date) raised, so the kept
values were taken for changed ones), though the column stays date32 (s17 hostile)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def test_a_relabel_to_another_date_says_nothing_and_keeps_the_type(tmp_path: Path, capsys) -> None:
    data, journal, out = tmp_path / "d.parquet", tmp_path / "j.jsonl", tmp_path / "out.parquet"
    days = [datetime.date(2020, 1, 1 + i % 2) for i in range(6)]
    pq.write_table(pa.table({"text": [f"text {i}" for i in range(6)], "label": days}), data)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="2020-01-02", issue_type="label")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    table = pq.read_table(out)
    assert table.schema.field("label").type == pa.date32()
    assert table.column("label").to_pylist() == [datetime.date(2020, 1, 2)] + days[1:]
