"""A JSON label column mixing integers and floats keeps every integer exactly (engine/label_column.normalise_labels):
it went through float64, so 9007199254740993 (2**53 + 1, no float) and 9007199254740992 beside a 1.0 were one
class, audited as one, and a relabel of a ...993 row to ...992 was written as a keep (review36)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from engine.label_column import normalise_labels
from engine.load import load_dataset


def test_integers_past_2_53_beside_a_float_stay_apart(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    labels = ["9007199254740993", "9007199254740992", "9007199254740993", "9007199254740992", "1.0", "9007199254740992"]
    data.write_text("".join(f'{{"text": "row {i}", "label": {v}}}\n' for i, v in enumerate(labels)))
    dataset = load_dataset(data)
    assert dataset.class_names == ["1", "9007199254740992", "9007199254740993"]
    assert [dataset.class_names[i] for i in dataset.labels] == [
        "9007199254740993", "9007199254740992", "9007199254740993", "9007199254740992", "1", "9007199254740992"]


def test_int64_ends_beside_a_float_are_whole_numbers() -> None:
    codes, classes, _, warnings = normalise_labels(pd.Series([-(1 << 63), (1 << 63) - 1, 1.0], dtype=object, name="y"))
    assert classes == [-(1 << 63), 1, (1 << 63) - 1] and list(codes) == [0, 2, 1]
    assert not warnings  # not 'fractional numbers': -2**63 read as a float was out of the int64 check's range
