"""A new label in a Parquet decimal label column past Python's 28-digit decimal context (review26): '1e30' (or
75 nines) typed beside the classes 2.50 and 3.00 raised decimal.InvalidOperation from quantize, not the one-line
UsageError the label picker says (DecisionBook.record catches UsageError only). Now '1e30' says what it would be
written as, and a value past 76 digits (decimal256's most) is refused; one written with the column's places, up
to 76 digits, applies and widens the column (the guards: as before)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.export import export_corrected
from engine.load import load_dataset


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "d.parquet"
    labels = pa.array([Decimal("2.50"), Decimal("3.00")] * 2, pa.decimal128(5, 2))
    pq.write_table(pa.table({"text": ["a b", "c d", "e f", "g h"], "label": labels}), data)
    return data


@pytest.mark.parametrize("typed, said", [("1e30", "would be written as 1000000000000000000000000000000.00"),
                                         ("9" * 75, "is not a number with at most 2 decimal places"),
                                         ("1e-30", "is not a number with at most 2 decimal places")])
def test_a_label_past_the_context_is_one_line(tmp_path: Path, typed: str, said: str) -> None:
    with Journal.open(tmp_path / "j.jsonl", load_dataset(_data(tmp_path))) as journal:
        with pytest.raises(UsageError, match=said):
            journal.record("relabel", 0, label_after=typed, issue_type="label", allow_new_label=True)


@pytest.mark.parametrize("digits, kind", [(30, "decimal128(32, 2)"), (74, "decimal256(76, 2)")])
def test_a_long_decimal_label_is_written_as_a_decimal(tmp_path: Path, digits: int, kind: str) -> None:
    data, journal, out = _data(tmp_path), tmp_path / "j.jsonl", tmp_path / "out.parquet"
    label = "9" * digits + ".00"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("relabel", 0, label_after=label, issue_type="label", allow_new_label=True)
    summary = export_corrected(load_dataset(data), journal, out)
    column = pq.read_table(out).column("label")
    assert str(column.type) == kind and column[0].as_py() == Decimal(label)
    assert any("changed type" in warning for warning in summary.warnings)
