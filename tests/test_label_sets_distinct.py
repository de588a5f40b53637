"""The joined-label-sets check (engine/label_sets_hint.py) reads each distinct label, not each row.

Session 20's speed check: every load ran a Python step per row of the label column for this note
(0.20 CPU s of a 1M-row load, bench/README.md "Session 20: speed regression check"); the note depends
only on the column's distinct labels, so it now reads those. Same answer on every kind of column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.label_sets_hint import joined_separator

SETS = ["app", "payment|fraud", "card", "refund|app", "payment", "fraud", "card|refund|urgent", "urgent"]


class CountedLabel(str):
    """A label that counts how often its text is read (``str(label)``)."""

    reads = 0

    def __str__(self) -> str:
        CountedLabel.reads += 1
        return str.__str__(self)


def test_each_distinct_label_is_read_not_each_row():
    labels = [CountedLabel(label) for label in SETS]
    column = pd.Series([labels[i % len(labels)] for i in range(20_000)], dtype=object)
    CountedLabel.reads = 0
    assert joined_separator(column) == ("|", 3, 8, "card|refund|urgent")
    assert CountedLabel.reads <= 2 * len(SETS)  # the old code read every row twice: 40,000


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_the_answer_does_not_depend_on_repeats_or_dtype(dtype):
    column = pd.Series([*SETS * 50, None, " app "], dtype=dtype)
    assert joined_separator(column) == joined_separator(pd.Series(SETS)) == ("|", 3, 8, "card|refund|urgent")


def test_cells_that_cannot_be_hashed_are_still_read():
    column = pd.Series([["a", "b"], {"x": 1}, *SETS, np.nan, 3], dtype=object)
    assert joined_separator(column) == ("|", 3, 8, "card|refund|urgent")
