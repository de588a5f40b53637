"""DataFrame input: column names that repeat (``pd.concat([df, df[["label"]]], axis=1)``) ended
``run_audit`` in an AttributeError ('DataFrame' object has no attribute 'dtype': ``frame['label']``
was a frame); a Parquet file with them is refused in one line, and so is the frame now."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import DataError, load_dataset

ROWS = {"text": ["a cat", "a dog", "the cat", "the dog"], "label": ["c", "d", "c", "d"]}


@pytest.mark.parametrize("extra", ["label", "text"])
def test_a_repeated_column_name_is_one_line(extra):
    frame = pd.DataFrame(ROWS)
    with pytest.raises(DataError, match=rf"<DataFrame>: the column name '{extra}' repeats; give each column its own name"):
        load_dataset(pd.concat([frame, frame[[extra]]], axis=1))


def test_names_that_repeat_once_read_as_text_are_one_line():
    """Columns 0 and '0' are one name once names are read as text (as every source's are)."""
    frame = pd.DataFrame({**ROWS, 0: [1, 2, 3, 4], "0": [5, 6, 7, 8]})
    with pytest.raises(DataError, match="the column name '0' repeats"):
        load_dataset(frame)


def test_sets_of_labels_are_label_sets():
    """A DataFrame's sets of labels (Python's own form of a label set) were single-label classes
    named by their repr ("{'x', 'y'}"), in hash order: {'x', 'y'} and {'y', 'x'} could be two classes."""
    frame = pd.DataFrame({"text": ["a cat", "a dog", "the cat", "the dog"],
                          "label": [{"cat", "pet"}, {"pet"}, frozenset({"cat"}), {"pet", "cat"}]})
    dataset = load_dataset(frame)
    assert dataset.is_multilabel and dataset.class_names == ["cat", "pet"]
    assert dataset.label_sets == [(0, 1), (1,), (0,), (0, 1)]


def test_a_set_as_a_text_is_one_line():
    with pytest.raises(DataError, match=r"text column 'text' holds a set value \(\{'a cat'\}\); texts must be strings"):
        load_dataset(pd.DataFrame({"text": [{"a cat"}, "a dog"], "label": ["c", "d"]}))


def test_columns_named_by_ints_or_tuples_are_found():
    """A DataFrame's column names are read as text, so the names asked for are too: ``label_column=0``
    said "no label column 0 ... did you mean '0'?" and a MultiIndex column ``('a', 'text')`` ended in
    "AttributeError: 'tuple' object has no attribute 'strip'"."""
    frame = pd.DataFrame(ROWS)
    by_int = load_dataset(frame.set_axis([0, 1], axis=1), text_column=0, label_column=1)
    assert by_int.texts == ROWS["text"] and by_int.label_column == "1"
    tupled = frame.set_axis(pd.MultiIndex.from_tuples([("a", "text"), ("a", "label")]), axis=1)
    by_tuple = load_dataset(tupled, text_column=("a", "text"), label_column=("a", "label"))
    assert by_tuple.texts == ROWS["text"] and by_tuple.class_names == ["c", "d"]
