"""Journals written before the class-by-value checks (9745df7: 'true' in a boolean label column is the class
'True' written another way; da08e23: '4.5' in a decimal column is written 4.50) hold such relabels as new
labels. Replayed now they read 'not applied' (the label is not one the dataset can hold), so opening an old
journal lost those decisions. Where the label is a class by value ('true' is True, '4.5' is the class 4.50)
it now applies as that class; a value that is no class stays refused ('1_0' is not taken as 10)."""

from __future__ import annotations

import decimal
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

TEXTS = ["apple fruit", "car road", "dog pet", "pear fruit"]


def _old(journal: Path, now: str, then: str) -> None:
    """``journal``'s relabel to ``now`` as a journal of before wrote it: ``then``, a new label."""
    line = json.loads(journal.read_text())
    line |= {"label_after": then, "new_label": True}
    journal.write_text(json.dumps(line) + "\n")


def test_an_old_relabel_to_true_in_a_boolean_column_applies(tmp_path: Path) -> None:
    data, journal, out = tmp_path / "d.jsonl", tmp_path / "j.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps({"text": t, "label": i % 2 == 0}) + "\n" for i, t in enumerate(TEXTS)))
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 1, label_after="True", issue_type="label")
    _old(journal, "True", "true")
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(1).label_after == "True"  # was: None, 'not applied'
        assert not replayed.load_report
    export_corrected(load_dataset(data), journal, out)
    assert [json.loads(line)["label"] for line in out.read_text().splitlines()] == [True, True, True, False]


def test_an_old_relabel_to_4_5_in_a_decimal_column_applies_as_4_50(tmp_path: Path) -> None:
    data, journal, out = tmp_path / "d.parquet", tmp_path / "j.jsonl", tmp_path / "out.parquet"
    values = [decimal.Decimal(v) for v in ["1.00", "2.50", "3.00", "4.50"]]
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array(values, pa.decimal128(3, 2))}), data)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="4.50", issue_type="label")
    _old(journal, "4.50", "4.5")  # the class 4.50 made anew by a journal of before (da08e23 said 'relabel to 4.50')
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0).label_after == "4.50"  # was: None, 'not applied'
    export_corrected(load_dataset(data), journal, out)
    assert pq.read_table(out).column("label").to_pylist()[0] == decimal.Decimal("4.50")


def test_an_old_label_that_is_no_class_by_value_is_still_not_applied(tmp_path: Path) -> None:
    data, journal = tmp_path / "d.parquet", tmp_path / "j.jsonl"
    values = [decimal.Decimal(v) for v in ["1.00", "2.50", "3.00", "1.00"]]
    pq.write_table(pa.table({"text": TEXTS, "label": pa.array(values, pa.decimal128(3, 2))}), data)
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after="4.50", issue_type="label", allow_new_label=True)
    _old(journal, "4.50", "4.5")  # no class 4.50 in this data: a new value, not a class written another way
    with Journal.open(journal, load_dataset(data), read_only=True) as replayed:
        assert replayed.decision(0) is None
        assert any("not applied" in line for line in replayed.load_report)
