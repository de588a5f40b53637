"""The column list of a "no text column" error showed names as they are: a zero-width space or a
right-to-left mark drew as nothing (``columns: text\\u200b, label`` drawn as ``columns: text, label``) and a
bidi override reordered the rest of the line, while the "did you mean" beside it escaped them. The
list now shows each name as class names are shown (engine/wording.shown_name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import UsageError
from engine.load import load_dataset


def _error(tmp_path: Path, header: str, **kwargs: str) -> str:
    source = tmp_path / "in.csv"
    source.write_text(header + "\n" + "\n".join(f"text {i},{'ab'[i % 2]}" for i in range(6)) + "\n")
    with pytest.raises(UsageError) as raised:
        load_dataset(source, **kwargs)
    return str(raised.value)


def test_invisible_characters_in_the_column_list_are_escaped(tmp_path: Path) -> None:
    message = _error(tmp_path, "text\u200b,label\u200f", text_column="text", label_column="label\u200f")
    assert "(columns: 'text\\u200b', 'label\\u200f')" in message, message
    assert "did you mean 'text\\u200b'?" in message
    assert "\u200b" not in message and "\u200f" not in message


def test_a_bidi_override_in_the_column_list(tmp_path: Path) -> None:
    message = _error(tmp_path, "x\u202ey,notes,label", text_column="text")
    assert "(columns: 'x\u27e8RLO\u27e9y', notes, label)" in message, message
    assert "\u202e" not in message
