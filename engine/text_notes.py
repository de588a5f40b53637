"""Notes on a text column whose values are not texts: every value a number or a boolean.

``--text-column id`` (or a JSONL ``text`` of numbers) was audited as the numbers' digits without
a word: every row an outlier or a near-duplicate of another, label scores from noise. The audit
still runs (a code may be a text), but the note says what the column holds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: A number written as text: '7', '-2.5', '1e3' (a CSV keeps every cell as a string).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spells_number(text: str) -> bool:
    """Whether ``text`` (surrounding spaces aside) spells a number: '7', ' -2.5', '1e3'."""
    return _NUMBER.fullmatch(text.strip()) is not None


def _number(value: object) -> bool:
    """A JSON number or boolean, or a text that spells a number."""
    return isinstance(value, (bool, int, float)) or (isinstance(value, str) and spells_number(value))


def number_text_notes(frame: pd.DataFrame, parts: list[str]) -> list[str]:
    """One note per text column (or part of a joined one) whose every value is a number or a
    boolean, written as such or as text; none for a column with any word in it."""
    notes = []
    for part in parts:
        column = frame[part]
        head = column.iloc[:1000].dropna().tolist()  # the usual column has a word in its first rows:
        if not head or not all(map(_number, head)):  # no pass over a million texts for it
            continue
        values = column.dropna().tolist()
        if all(map(_number, values)):
            shown = ", ".join(str(v) for v in values[:3])
            notes.append(f"text column {part!r} holds only numbers or booleans ({shown}, ...): audited as their "
                         "digits; is it the text column? choose another with --text-column")
    return notes
