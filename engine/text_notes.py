"""Notes on texts that are no texts: a column of numbers or booleans, a row repeating the header.

``--text-column id`` (or a JSONL ``text`` of numbers) was audited as the numbers' digits without
a word: every row an outlier or a near-duplicate of another, label scores from noise. The audit
still runs (a code may be a text), but the note says what the column holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.wording import counted_verb

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


def header_row_notes(frame: pd.DataFrame, columns: list[str], numbers: Sequence[int] | None = None) -> list[str]:
    """A note on rows whose text part(s) and label each hold their own column's name: a CSV joined
    to another with its header (``cat a.csv b.csv``, ``to_csv(path, mode='a')`` run twice) reads
    the second header as a row, which was audited as a text with a class of its own, unsaid.
    ``numbers``: each frame row's number in the data file (a corrected copy's rows), else positions."""
    first = frame[columns[0]]
    hits = first.eq(columns[0]) | first.eq("\ufeff" + columns[0])  # the joined file's BOM starts the row
    candidates = first.index[hits.fillna(False).to_numpy(dtype=bool)]
    rows = [int(row if numbers is None else numbers[row]) for row in candidates if all(
        isinstance(value := frame.at[row, column], str) and value.removeprefix("\ufeff") == column for column in columns)]
    if not rows:
        return []
    shown = ", ".join(str(row) for row in rows[:5]) + (" ..." if len(rows) > 5 else "")
    one = len(rows) == 1
    return [f"{counted_verb(len(rows), 'row', 'repeat')} the header ({', '.join(map(repr, columns))}; "
            f"{'row' if one else 'rows'} {shown}, counted from 0): a file joined to another with its header "
            f"(cat, to_csv(mode='a'))? {'It is' if one else 'They are'} audited as data; drop {'it' if one else 'them'}"]
