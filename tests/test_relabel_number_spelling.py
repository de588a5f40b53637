"""A new label typed for a number label column must be a number the column can hold, spelled as
the class it becomes. 'nan' on a float column was journalled as a new class 'nan' and exported as
NaN, a missing label: the exported file then failed to load ('1 row has an empty label'), with
'changed from float64 to float64' as the only word; 'inf'/'1e400' wrote inf. '1_0' and ' 3 ' were
new classes in the app but written 10 and 3, so '10' and '1_0' became one class on export."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = [f"text {i} about a card payment" for i in range(12)]


@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "-inf", "1e400"])
def test_a_float_column_refuses_a_label_that_is_no_finite_number(tmp_path: Path, typed: str) -> None:
    data = tmp_path / "d.parquet"
    pd.DataFrame({"text": TEXTS, "label": [1.5, 2.5] * 6}).to_parquet(data)
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data)) as writer:
        with pytest.raises(UsageError, match="not a finite number"):
            writer.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)
        writer.record("relabel", 0, label_after="3.5", issue_type="label", allow_new_label=True)
    out = tmp_path / "out.parquet"
    export_corrected(load_dataset(data), tmp_path / "j.jsonl", out)
    assert load_dataset(out).label_display(0) == "3.5"  # the export loads, with the new class


@pytest.mark.parametrize(("typed", "written"), [("1_0", "10"), (" 7", "7"), ("٣", "3")])
def test_a_new_int_class_is_spelled_as_it_is_written(tmp_path: Path, typed: str, written: str) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": t, "label": i % 2}) + "\n" for i, t in enumerate(TEXTS)))
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data)) as writer:
        with pytest.raises(UsageError, match=f"would be written as {written}; relabel to '{written}'"):
            writer.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)
        assert writer.record("relabel", 0, label_after=written, issue_type="label",
                             allow_new_label=True).label_after == written


def test_a_replayed_nan_label_is_not_written(tmp_path: Path) -> None:
    """A journal that already holds such a relabel (written before) is reported, not exported as NaN."""
    data = tmp_path / "d.parquet"
    pd.DataFrame({"text": TEXTS, "label": [1.5, 2.5] * 6}).to_parquet(data)
    dataset = load_dataset(data)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="3.5", issue_type="label", allow_new_label=True)
        writer.record("relabel", 1, label_after="1.5", issue_type="label")
    journal.write_text(journal.read_text().replace('"3.5"', '"nan"'))
    out = tmp_path / "out.parquet"
    summary = export_corrected(dataset, journal, out)
    assert any("not a class of this dataset" in w for w in summary.warnings)
    assert load_dataset(out).label_display(0) == "1.5"
