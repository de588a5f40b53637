"""The missing-label error for JSON records that lack the label key altogether.

pandas-like frames hold an absent key as a null, so such a record read as '1 row has an empty label (row 1, counted
from 0)', the same as ``"label": ""`` (review36). The reader records which rows lacked each key
(``SourceStyle.absent``); this says them apart, naming the JSON Lines file's line or the array's record.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from engine.wording import counted_verb

_SHOWN = 5


def _shown(values: list[int]) -> str:
    return ", ".join(f"{value:,}" for value in values[:_SHOWN]) + (" ..." if len(values) > _SHOWN else "")


def _line(row: int, blank_lines: tuple[int, ...]) -> int:
    """The file's line number (from 1) of ``row``, as engine/json_readers.read_jsonl numbers them: the blank lines it
    skipped (``SourceStyle.blank_lines``) pushed down the rows after them."""
    line = row + 1
    for blank in blank_lines:  # ascending
        if blank > line:
            break
        line += 1
    return line


def absent_label_error(values: pd.Series, style: Any) -> str | None:
    """The error's text where some rows of the label column ``values`` come from JSON records without its key, else
    None: those rows by line (JSON Lines) or record (a JSON array), and the rows whose label is present but empty."""
    absent = sorted(getattr(style, "absent", {}).get(values.name, ()))
    fmt = getattr(style, "fmt", None)
    if not absent or fmt not in ("jsonl", "json"):
        return None
    if fmt == "jsonl":  # by the reader's blank lines: the file is not read again (it was, diff36)
        where = [_line(row, style.blank_lines) for row in absent[:_SHOWN]]
        place = f"{'line' if len(absent) == 1 else 'lines'} {_shown(where + absent[_SHOWN:])} of the file"
    else:
        place = f"{'record' if len(absent) == 1 else 'records'} {_shown([row + 1 for row in absent])} of the array"
    rows = f"{'row' if len(absent) == 1 else 'rows'} {_shown(absent)}"
    blank = values.isna().to_numpy() | values.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)
    blank[absent] = False
    empty = np.flatnonzero(blank).tolist()
    also = (f"; {counted_verb(len(empty), 'row', 'have')} an empty label ({'row' if len(empty) == 1 else 'rows'} "
            f"{_shown(empty)}, counted from 0)") if empty else ""
    return (f"{counted_verb(len(absent), 'record', 'have')} no {values.name!r} key ({place}: {rows}, counted from 0)"
            f"{also}; give every record a label or drop it first")
