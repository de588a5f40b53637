"""A label column of whole floats past int64 (1e20, 2e20: since fa5459a its classes are named by the integers they
equal, '100000000000000000000'): a relabel to a new class '300000000000000000000' was written as text, so a Parquet
double column became strings ('changed type from double to string') and the reloaded export named every class anew
('1e+20', '2e+20', '300000000000000000000'); JSONL wrote "300000000000000000000" among numbers. It is the float
3e20 now, named as its class will be; a number no float holds exactly is refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

E20, E20X2, E20X3 = "100000000000000000000", "200000000000000000000", "300000000000000000000"


def test_a_new_label_among_whole_floats_past_int64_stays_a_float(tmp_path: Path) -> None:
    data, journal, out = tmp_path / "d.parquet", tmp_path / "j.jsonl", tmp_path / "out.parquet"
    pd.DataFrame({"text": [f"text {i}" for i in range(4)], "label": [1e20, 2e20] * 2}).to_parquet(data)
    dataset = load_dataset(data)
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after=E20X3, issue_type="label", allow_new_label=True)
        with pytest.raises(UsageError, match=r"'3e\+20' would be written as 3e\+20; relabel to '300000000000000000000'"):
            writer.record("relabel", 1, label_after="3e+20", issue_type="label", allow_new_label=True)
        with pytest.raises(UsageError, match="is not a whole number a float holds exactly"):
            writer.record("relabel", 1, label_after=E20X3[:-1] + "1", issue_type="label", allow_new_label=True)
    summary = export_corrected(dataset, journal, out)
    assert summary.warnings == [] and str(pq.read_schema(out).field("label").type) == "double"
    back = load_dataset(out)
    assert back.class_names == [E20, E20X2, E20X3] and back.frame["label"].tolist() == [3e20, 2e20, 1e20, 2e20]
