"""A missing --label-column never suggests the text column.

Following the README (``textaudit audit data.csv --label-column intent``) on a file with columns
id, text, label said "did you mean 'text'?": the closest spelling, though 'text' is the column the
texts come from."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset


def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": ["a", "b", "c", "d"], "text": ["one", "two", "three", "four"],
                         "label": ["x", "y", "x", "y"]})


def test_the_label_like_column_is_named_not_the_text_column():
    with pytest.raises(UsageError) as caught:
        load_dataset(frame(), label_column="intent")
    message = caught.value.message
    assert "did you mean 'text'" not in message
    assert "'label' looks like the label column; choose one with --label-column" in message


def test_a_close_spelling_is_still_offered():
    with pytest.raises(UsageError, match="did you mean 'label'"):
        load_dataset(frame(), label_column="lable")


def test_the_text_column_in_use_is_never_offered_for_the_label():
    data = frame().rename(columns={"text": "texts", "label": "cat"})
    with pytest.raises(UsageError) as caught:
        load_dataset(data, text_column="texts", label_column="text")
    assert "did you mean 'texts'" not in caught.value.message
