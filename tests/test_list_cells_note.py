"""A CSV label column of lists written as text (pandas' to_csv of a list column: "['billing', 'fraud']")
was audited as single labels, each distinct list a class, without a word (hostile24: a multi-label banking77
slice, 14 'classes'): --label-sep splits such text brackets and quotes included, and the joined-sets note saw
no label among the parts. engine/list_cells names what the cells are and the fix."""

from __future__ import annotations

import json

import pandas as pd

from engine.load import load_dataset

SETS = [["billing"], ["fraud"], ["billing", "fraud"], ["urgent"], ["billing", "urgent"], ["fraud"]] * 4


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": [f"ticket number {i} about things" for i in range(len(SETS))], "tags": SETS})


def test_pandas_list_reprs_are_named(tmp_path):
    path = tmp_path / "d.csv"
    _frame().to_csv(path, index=False)
    assert "\"['billing', 'fraud']\"" in path.read_text()
    notes = [w for w in load_dataset(path, label_column="tags").warnings if "lists written as text" in w]
    assert notes and notes[0].startswith("labels in column 'tags' are lists written as text (e.g. \"['billing', ")
    assert "save the data as JSON Lines" in notes[0] and "--label-sep" in notes[0]


def test_json_lists_in_csv_cells_too(tmp_path):
    path = tmp_path / "d.csv"
    _frame().assign(tags=[json.dumps(s) for s in SETS]).to_csv(path, index=False)
    assert [w for w in load_dataset(path, label_column="tags").warnings if "lists written as text" in w]


def test_plain_and_bracketed_labels_get_no_note(tmp_path):
    path = tmp_path / "d.csv"
    _frame().assign(tags=["[POS]", "[NEG]", "[NEU]", "pos", "neg", "neu"] * 4).to_csv(path, index=False)
    assert not [w for w in load_dataset(path, label_column="tags").warnings if "lists written as text" in w]
    path.write_text("text,tags\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(10)))
    assert not [w for w in load_dataset(path, label_column="tags").warnings if "lists written as text" in w]


def test_with_label_sep_the_split_is_named(tmp_path):
    path = tmp_path / "d.csv"
    _frame().to_csv(path, index=False)
    dataset = load_dataset(path, label_column="tags", label_sep=",")
    assert "['billing'" in dataset.class_names  # what the split reads: brackets and quotes in the labels
    notes = [w for w in dataset.warnings if "lists written as text" in w]
    assert notes and "--label-sep , splits them with their brackets and quotes in the labels" in notes[0]
    joined = tmp_path / "j.csv"
    _frame().assign(tags=["|".join(s) for s in SETS]).to_csv(joined, index=False)
    assert not [w for w in load_dataset(joined, label_column="tags", label_sep="|").warnings if "written as text" in w]
