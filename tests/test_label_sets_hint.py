"""A CSV label column of joined sets, read without --label-sep, says so.

Seen walking the README's multi-label commands: the multi-label demo written as CSV with labels
joined by '|' and audited with only --label-column tags gave 42 single-label classes
('payment|fraud|urgent' one of them) and 18 label issues, without a word (exit 0); with its 4
empty cells it stopped on 'empty label' without naming --label-sep."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import DataError
from engine.label_sets_hint import joined_separator
from engine.load import load_dataset

SETS = ["app", "payment|fraud", "card", "refund|app", "payment", "fraud", "card|refund|urgent", "app", "urgent"]


def frame(labels: list) -> pd.DataFrame:
    return pd.DataFrame({"text": [f"text {i}" for i in range(len(labels))], "tags": labels})


def test_joined_sets_get_a_note_naming_the_option():
    data = load_dataset(frame(SETS), label_column="tags")
    assert data.label_sets is None  # still audited as single labels ...
    (note,) = [w for w in data.warnings if "look like label sets" in w]  # ... with a note that says so
    assert "joined by '|'" in note and "pass --label-sep '|'" in note and "'card|refund|urgent'" in note


def test_an_empty_cell_names_the_option_too():
    with pytest.raises(DataError) as caught:
        load_dataset(frame([*SETS, None]), label_column="tags")
    assert "empty label" in caught.value.message and "with --label-sep '|' an empty cell is an empty set" in caught.value.message


@pytest.mark.parametrize("labels", [
    ["card_arrival", "card_lost", "top_up", "card_lost"],  # plain class names
    ["World", "Sports", "Business", "Sci/Tech"],  # a slash in one name
    ["a|b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],  # one joined-looking name among many
    ["pos, strongly", "neg, mildly", "pos, mildly", "neg"],  # commas whose parts are not labels
])
def test_other_names_get_no_note(labels):
    assert joined_separator(pd.Series(labels)) is None
    data = load_dataset(frame(labels), label_column="tags")
    assert not [w for w in data.warnings if "look like label sets" in w]


def test_with_label_sep_no_note():
    data = load_dataset(frame(SETS), label_column="tags", label_sep="|")
    assert data.label_sets is not None
    assert not [w for w in data.warnings if "look like label sets" in w]
