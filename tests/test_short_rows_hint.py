"""The empty-label error names the line of a CSV/TSV row that ends before its label's field (a missing field, not an
empty one): it said only '1 row has an empty label (row 5, counted from 0)' (review35). A row short of a later column
only is not named."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.parametrize("sep", [",", "\t"])
def test_a_row_without_its_label_field_is_named_by_line(tmp_path, sep: str) -> None:
    path = tmp_path / ("d.csv" if sep == "," else "d.tsv")
    lines = ["text,label,note", "hello,a,x", "bye", "hi,b", "yo,,x"]
    path.write_text("\n".join(line.replace(",", sep) for line in lines) + "\n")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = caught.value.message
    assert message.endswith("; line 3 of the file has 1 field where the header has 3: a field is missing there, "
                            "not empty"), message
    assert "line 4" not in message  # 'hi,b' lacks only the note
