"""A CSV whose rows end with a comma ('text,label' over 'hello,a,': an empty field the header has no name for) was
told 'line 2 has 3 fields where the header has 2: a comma inside a text must be quoted', though no text held one
(review37). The line says the row ends with the separator; a text's comma keeps its line."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.parametrize("name, content, said", [
    ("d.csv", "text,label\nhello there,a,\ngood bye,b,\n",
     "d.csv: line 2 has 3 fields where the header has 2, the last one empty: the line ends with a comma (delete it)"),
    ("d.csv", 'text,label\n"two\nlines",a\n\ngood bye,b,\n', "line 4 has 3 fields where the header has 2, the last"),
    ("d.tsv", "text\tlabel\nhello there\ta\t\n", "line 2 has 3 fields where the header has 2, the last one empty: "
                                                 "the line ends with a tab (delete it)"),
    ("d.csv", "text,label\nhello,a\nbye, then,b\n", "line 3 has 3 fields where the header has 2: a comma inside"),
    # a text's comma and a comma at the end: deleting that one read the label ' there', no error (diff38)
    ("d.csv", "text,label\nhello,a\nhello, there,\n", "line 3 has 3 fields where the header has 2, the last one empty; "
     "' there' starts with a space, as a text's word after a comma does: a comma inside a text must be quoted "
     "(\"a, b\") (deleting the comma at the line's end would read ' there' as its 'label')"),
])
def test_a_row_ending_with_the_separator_is_said_so(tmp_path, name: str, content: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(DataError) as raised:
        load_dataset(path)
    assert said in str(raised.value) and "\n" not in str(raised.value), str(raised.value)
