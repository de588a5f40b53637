"""Multi-label input: lists in JSONL/JSON/Parquet/HF detected by themselves, delimited strings with a separator."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from engine.errors import DataError, UsageError
from engine.load import load_dataset
from engine.multilabel import cell_for, change_text, parse_display, set_display

ROWS = [
    ("my card is lost", ["card", "lost"]),
    ("send money abroad", ["transfer"]),
    ("no label here", []),
    ("card payment failed", ["card", "payment"]),
]


def _expected_sets(names: list[str]) -> list[tuple[str, ...]]:
    return [tuple(sorted(labels)) for _, labels in ROWS]


def _sets_as_names(dataset) -> list[tuple[str, ...]]:
    return [tuple(dataset.class_names[i] for i in members) for members in dataset.label_sets]


def test_jsonl_lists_are_detected_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in ROWS))
    dataset = load_dataset(path)
    assert dataset.is_multilabel and dataset.label_form.kind == "list"
    assert dataset.class_names == ["card", "lost", "payment", "transfer"]
    assert _sets_as_names(dataset) == _expected_sets(dataset.class_names)
    note = next(w for w in dataset.warnings if "multi-label" in w)
    assert "1 row with an empty label set" in note and "4 labels" in note


def test_json_lists_of_ints(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps([{"text": "a b", "label": [3, 1]}, {"text": "c", "label": []},
                                {"text": "d", "label": [1]}]))
    dataset = load_dataset(path)
    assert dataset.classes == [1, 3] and dataset.label_form.item == "int"
    assert dataset.label_sets == [(0, 1), (), (0,)]


def test_parquet_and_saved_dataset_lists(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": [t for t, _ in ROWS], "label": [l for _, l in ROWS]})
    frame.to_parquet(tmp_path / "d.parquet")
    dataset = load_dataset(tmp_path / "d.parquet")
    assert _sets_as_names(dataset) == _expected_sets(dataset.class_names)
    import datasets

    datasets.Dataset.from_pandas(frame).save_to_disk(str(tmp_path / "saved"))
    saved = load_dataset(tmp_path / "saved")
    assert saved.label_sets == dataset.label_sets


@pytest.mark.parametrize("kind,sep", [("csv", "|"), ("tsv", ";")])
def test_delimited_strings_with_label_sep(tmp_path: Path, kind: str, sep: str) -> None:
    delimiter = "," if kind == "csv" else "\t"
    lines = [f"text{delimiter}label"] + [f"{t}{delimiter}{sep.join(l)}" for t, l in ROWS]
    path = tmp_path / f"d.{kind}"
    path.write_text("\n".join(lines) + "\n")
    dataset = load_dataset(path, label_sep=sep)
    assert dataset.label_form.kind == "sep" and dataset.label_form.sep == sep
    assert _sets_as_names(dataset) == _expected_sets(dataset.class_names)
    # without the separator the same file is read as single-label, as before (its empty cell fails)
    with pytest.raises(DataError, match="empty label"):
        load_dataset(path)


def test_single_label_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": l[0] if l else "none"}) + "\n" for t, l in ROWS))
    dataset = load_dataset(path)
    assert not dataset.is_multilabel and dataset.label_sets is None
    assert dataset.label_display(0) == "card"


def test_bad_multilabel_inputs_fail_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text":"a","label":["x"]}\n{"text":"b","label":"y"}\n')
    with pytest.raises(DataError, match="mixes lists and single values"):
        load_dataset(path)
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"text":"a","label":[]}\n{"text":"b","label":[]}\n')
    with pytest.raises(DataError, match="every label set"):
        load_dataset(empty)
    nested = tmp_path / "nested.jsonl"
    nested.write_text('{"text":"a","label":[["x"]]}\n{"text":"b","label":["y"]}\n')
    with pytest.raises(DataError, match="list item"):
        load_dataset(nested)


def test_display_round_trip_and_cells() -> None:
    names = ["card", "lost", "payment"]
    text = set_display(names, (2, 0))
    assert text == '["card","payment"]' and parse_display(text, names) == (0, 2)
    with pytest.raises(UsageError):
        parse_display('["nope"]', names)
    assert change_text(names, (0, 1), (0, 2)) == "+payment -lost"
    from engine.multilabel import LabelSetForm

    sep = LabelSetForm("sep", "|", "str")
    assert cell_for((0, 2), names, {}, sep, "lost|card") == "card|payment"  # kept order, then added
    ints = LabelSetForm("list", None, "int")
    assert cell_for((1,), [4, 7], {}, ints, np.array([4, 7])) == [7]


def test_set_notes_count_rows_in_plain_english(tmp_path: Path) -> None:
    """The notes said '1 row(s) with an empty label set' and '1 row(s) name a label twice'."""
    path = tmp_path / "d.jsonl"
    rows = [*ROWS, ("card card", ["card", "card"])]
    path.write_text("".join(json.dumps({"text": t, "label": l}) + "\n" for t, l in rows))
    warnings = " | ".join(load_dataset(path).warnings)
    assert "1 row with an empty label set" in warnings and "1 row names a label twice in its set" in warnings
    assert "(s)" not in warnings


def test_unknown_labels_in_a_set_are_named_in_proper_plurals():
    """It said "label(s) 'z' are not labels of this dataset"."""
    import pytest

    from engine.errors import UsageError
    from engine.multilabel import parse_display

    with pytest.raises(UsageError, match=r"^label 'z' is not a label of this dataset$"):
        parse_display('["z"]', ["a", "b"])
    with pytest.raises(UsageError, match=r"^labels 'z', 'w' are not labels of this dataset$"):
        parse_display('["a", "z", "w"]', ["a", "b"])
