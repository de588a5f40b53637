"""A JSON label column mixing integers and floats keeps every integer exactly (engine/label_column.normalise_labels):
it went through float64, so 9007199254740993 (2**53 + 1, no float) and 9007199254740992 beside a 1.0 were one
class, audited as one, and a relabel of a ...993 row to ...992 was written as a keep; the changed-rows export
wrote each row's label as a float, 2.0 for the 2 it held (review36)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from engine.corrections import Journal
from engine.export import export_corrected
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


def test_changed_rows_keep_each_rows_own_number(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text('{"text":"a","label":2}\n{"text":"b","label":1.0}\n{"text":"c","label":9007199254740993}\n'
                    '{"text":"d","label":1}\n')
    dataset = load_dataset(data)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as opened:
        for row, after in ((0, "1"), (2, "2"), (3, "9007199254740993")):
            opened.record("relabel", row, label_after=after, issue_type="label")
    out = tmp_path / "changes.jsonl"
    export_corrected(dataset, journal, out, corrections_only=True)
    changes = [json.loads(line) for line in out.read_text().splitlines()]  # json keeps 2 an int, 1.0 a float
    assert [(repr(c["label_before"]), repr(c["label_after"])) for c in changes] == [
        ("2", "1.0"), ("9007199254740993", "2"), ("1", "9007199254740993")]


def test_a_whole_float_beside_its_int_is_one_class_past_float_precision() -> None:
    """Where an integer no float holds stands beside a fraction (or past int64 beside a whole float), the labels are
    named by their digits: 1.0 was named '1.0' and 1 '1', two classes of one number."""
    big = (1 << 53) + 1
    codes, classes, _, warnings = normalise_labels(pd.Series([1, 0.5, big, 1.0], dtype=object, name="y"))
    assert classes == ["0.5", "1", str(big)] and list(codes) == [1, 0, 2, 1], (classes, warnings)
    codes, classes, _, _ = normalise_labels(pd.Series([3, 3.0, (1 << 64) + 1], dtype=object, name="y"))
    assert classes == ["3", str((1 << 64) + 1)] and list(codes) == [0, 0, 1], classes


def test_whole_floats_past_int64_are_named_as_the_integers_they_equal() -> None:
    """1e20 in a label column was said to hold 'fractional numbers' (a score, not a class): past int64 a whole float
    stayed a float (diff36). It is named as the integer it equals, as a whole float beside an int is (f35cf81)."""
    big = "100000000000000000000"
    codes, classes, originals, warnings = normalise_labels(pd.Series([1e20, -2e20, 1e20], name="y"))
    assert classes == ["-200000000000000000000", big] and list(codes) == [1, 0, 1], (classes, warnings)
    assert warnings == [] and originals[big] == 1e20  # the export writes the value the row held
    codes, classes, _, warnings = normalise_labels(pd.Series([1, 1e20, 1.0], dtype=object, name="y"))
    assert classes == ["1", big] and list(codes) == [0, 1, 0] and warnings == [], (classes, warnings)
