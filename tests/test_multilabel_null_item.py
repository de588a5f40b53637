"""A label set holding a null, a list or a dict item is refused naming the row and the kind of item: it said
'holds a list with a NoneType item (None)', Python's type name and no row (review34)."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.errors import DataError
from engine.multilabel import parse_label_sets


@pytest.mark.parametrize(("item", "kind"), [(None, "null"), (["x"], "list"), ({"a": 1}, "dict")])
def test_a_bad_item_names_its_row_and_kind(item, kind):
    column = pd.Series([["a"], ["b", "a"], ["a", item]], name="tags")
    with pytest.raises(DataError) as caught:
        parse_label_sets(column)
    said = str(caught.value)
    assert f"row 2's label set holds a {kind} item" in said and "NoneType" not in said, said
