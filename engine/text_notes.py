"""Notes on a text column whose values are not texts: every value a number or a boolean.

``--text-column id`` (or a JSONL ``text`` of numbers) was audited as the numbers' digits without
a word: every row an outlier or a near-duplicate of another, label scores from noise. The audit
still runs (a code may be a text), but the note says what the column holds.
"""

from __future__ import annotations

import re

import pandas as pd

#: A number written as text: '7', '-2.5', '1e3' (a CSV keeps every cell as a string).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def number_text_notes(frame: pd.DataFrame, parts: list[str]) -> list[str]:
    """One note per text column (or part of a joined one) whose every value is a number or a
    boolean, written as such or as text; none for a column with any word in it."""
    notes = []
    for part in parts:
        values = frame[part].dropna().tolist()
        if not values:
            continue
        if all(isinstance(v, (bool, int, float)) or (isinstance(v, str) and _NUMBER.fullmatch(v.strip()))
               for v in values):
            shown = ", ".join(str(v) for v in values[:3])
            notes.append(f"text column {part!r} holds only numbers or booleans ({shown}, ...): audited as their "
                         "digits; is it the text column? choose another with --text-column")
    return notes
