"""A missing text column's message names the column spelled alike but for case first ('TEXT' for
'text'), not a close spelling ('text_len') or a join; a join it offers never takes the label or
id column or a column whose name is not a text's (it offered 'LABEL+text_len', 'id+text')."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset

UPPER = pd.DataFrame({"TEXT": ["hello there", "good day", "hi"], "LABEL": ["a", "b", "a"], "text_len": ["11", "8", "2"]})


@pytest.mark.parametrize("options", [{"text_column": "text", "label_column": "LABEL"},
                                     {"label_column": "LABEL"}, {}])
def test_the_column_named_alike_but_for_case_is_suggested(options: dict) -> None:
    with pytest.raises(UsageError) as error:
        load_dataset(UPPER, **options)
    message = error.value.message
    assert "did you mean 'TEXT'?" in message and "join several" not in message, message


def test_a_join_offered_takes_only_text_like_columns_not_given_ones() -> None:
    frame = pd.DataFrame({"id": ["1", "2", "3"], "text": ["a b", "c d", "e f"], "label": ["p", "q", "p"]})
    with pytest.raises(UsageError) as error:
        load_dataset(frame, text_column="body")
    assert "join several" not in error.value.message, error.value.message
    news = pd.DataFrame({"label": ["1", "2", "1"], "title": ["a", "b", "c"], "description": ["x", "y", "z"]})
    with pytest.raises(UsageError, match=r"no text column 'headline'.*join several: --text-column title\+description"):
        load_dataset(news, text_column="title+headline")
    with pytest.raises(UsageError) as error:
        load_dataset(news, text_column="body", label_column="description")
    assert "join several" not in error.value.message, error.value.message  # not the label column
