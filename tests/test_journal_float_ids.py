"""--id-column ids that are floats (a pandas id column with a gap: 1.0, 2.0, NaN) follow their rows into
the same data saved as CSV, where pandas writes them '1.0' (hostile24: decisions made on the Parquet file
were 'not applied: no row of the dataset has the ids they were made on (ids 1.0, 10.0)' on its CSV copy,
every row there). README: an id follows its row 'also written as another type'."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [1.0, 2.0, np.nan, 10.0, 11.0], "text": ["card lost", "pin blocked", "refund late",
                                                                       "top up failed", "atm ate card"],
                         "label": ["a", "b", "a", "b", "a"]})


def _decide(path, journal):
    dataset = load_dataset(path, id_column="id")
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 0, label_after="b", issue_type="label")
        open_journal.record("relabel", 3, label_after="a", issue_type="label")
        open_journal.record("exclude", 4, issue_type="label")


def _export(path, journal, tmp_path):
    out = tmp_path / f"out{path.suffix}"
    summary = export_corrected(load_dataset(path, id_column="id"), journal, out, force=True)
    return out, summary


def test_decisions_on_float_ids_follow_into_the_csv_pandas_writes(tmp_path):
    frame = _frame()
    frame.to_parquet(tmp_path / "d.parquet")
    frame.to_csv(tmp_path / "d.csv", index=False)
    assert "1.0,card lost" in (tmp_path / "d.csv").read_text()
    journal = tmp_path / "j.jsonl"
    _decide(tmp_path / "d.parquet", journal)
    out, summary = _export(tmp_path / "d.csv", journal, tmp_path)
    assert summary.unapplied is None, summary.warnings
    assert out.read_text() == "id,text,label\n1.0,card lost,b\n2.0,pin blocked,b\n,refund late,a\n10.0,top up failed,a\n"


def test_and_back_from_the_csv_to_the_parquet_file(tmp_path):
    frame = _frame()
    frame.to_parquet(tmp_path / "d.parquet")
    frame.to_csv(tmp_path / "d.csv", index=False)
    journal = tmp_path / "j.jsonl"
    _decide(tmp_path / "d.csv", journal)  # ids '1.0', '10.0' as text
    out, summary = _export(tmp_path / "d.parquet", journal, tmp_path)
    assert summary.unapplied is None, summary.warnings
    assert pd.read_parquet(out)["label"].tolist() == ["b", "b", "a", "a"]


def test_a_leading_zero_still_keeps_ids_apart(tmp_path):
    frame = _frame().assign(id=["007.0", "2", "", "10", "11"])
    frame.to_csv(tmp_path / "z.csv", index=False)
    journal = tmp_path / "j.jsonl"
    _decide(tmp_path / "z.csv", journal)
    other = frame.assign(id=[7, 2, None, 10, 11])
    other.to_json(tmp_path / "z.jsonl", orient="records", lines=True)
    _, summary = _export(tmp_path / "z.jsonl", journal, tmp_path)
    assert summary.unapplied is not None and "007.0" in " ".join(summary.warnings)
