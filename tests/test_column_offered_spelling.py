"""The "did you mean" of a missing column spells the column as the column list beside it does. A
decomposed 'cafe\\u0301' column, asked for as a typed (composed) 'café', was offered as 'café': the
very name just refused, while the list showed 'cafe\\u0301' (s22 hostile22)."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.load import load_dataset

ROWS = "".join(f"row {i} text,{'ab'[i % 2]}\n" for i in range(6))


def test_a_decomposed_name_is_offered_escaped(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("cafe\u0301,label\n" + ROWS, encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        load_dataset(path, text_column="caf\u00e9")
    line = str(raised.value)
    assert "(columns: 'cafe\\u0301', label); did you mean 'cafe\\u0301'? " in line
    assert "did you mean 'caf\u00e9'" not in line


@pytest.mark.parametrize("header, asked, offered", [
    ("text ,label", "text", "'text '"),  # surrounding space: quoted, as before
    ("text,label", "txt", "'text'"),  # a plain name: quoted, as before
    ("Text\u200b,label", "text", "'Text\\u200b'"),  # an invisible character escaped
])
def test_other_names_keep_their_quotes(tmp_path, header, asked, offered):
    path = tmp_path / "d.csv"
    path.write_text(header + "\n" + ROWS, encoding="utf-8")
    with pytest.raises(UsageError, match=f"did you mean {offered}\\? ".replace("\\u", "\\\\u")):
        load_dataset(path, text_column=asked)
