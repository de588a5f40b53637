"""Which rows of the data have a journal line's id: the id column's values as JSON wrote them, and, where
none has it, the same id written as the other type (100, 100.0 and "100" alike). Split out of
engine/journal_replay.py (RowMatcher asks ``IdRows.rows``)."""

from __future__ import annotations

import math
import re
from typing import Any

from engine.id_column import repr_bytes_name
from engine.journal_format import json_scalar
from engine.load import Dataset


#: A line's id that names no row: JSON null, and an Int64/boolean/datetime column's empty cell as lines spelled it
#: before session 26 ("<NA>": the exclusion of one of two identical such rows, replayed on its export, matched the
#: copy left by that id and dropped it too)
NULL_IDS = (None, "<NA>", "NaT")

#: A whole number as pandas writes a float column to CSV ('100.0': an id column with a gap, or read as floats).
_WHOLE_FLOAT_TEXT = re.compile(r"(-?(?:0|[1-9][0-9]*))\.0+")


class IdRows:
    """The rows of ``dataset`` by id (indexes built on first need)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._by_id: dict[Any, list[int]] | None = None
        self._by_loose_id: dict[str, list[int]] | None = None

    def rows(self, wanted: Any) -> list[int]:
        """The rows whose id is ``wanted``, else those whose id is ``wanted`` written as the other type."""
        return self._id_rows(wanted) or self._loose_id_rows(wanted)

    def _id_rows(self, wanted: Any) -> list[int]:
        if self._by_id is None:
            self._by_id = {}
            for row, value in enumerate(self.dataset.ids):
                key = json_scalar(value)
                try:
                    self._by_id.setdefault(key, []).append(row)
                except TypeError:  # unhashable: never equal to a JSON scalar anyway
                    continue
        try:
            return self._by_id.get(wanted, [])
        except TypeError:
            return []

    def _loose_id_rows(self, wanted: Any) -> list[int]:
        """The rows whose id is ``wanted`` written as the other type: 100, 100.0 and "100" alike. The
        same data saved as CSV (ids read as text) after decisions on its JSONL/Parquet (ids as ints),
        or the other way, matched no row by id: 'no decision applies ... row not in the dataset',
        though every row was there. Only the text check still to pass decides, as for any id."""
        key = loose_id(wanted)
        if key is None:
            return []
        if self._by_loose_id is None:
            self._by_loose_id = {}
            for row, value in enumerate(self.dataset.ids):
                found = loose_id(json_scalar(value))
                if found is not None:
                    self._by_loose_id.setdefault(found, []).append(row)
        return self._by_loose_id.get(key, [])


def loose_id(value: Any) -> str | None:
    """An id as text for matching across types (100, 100.0, "100", "100.0" -> "100"), or None (a bool, a
    null, a NaN: never an id to match loosely). "100.0" is how pandas writes a float id to CSV: decisions
    on a Parquet file whose id column has a gap (floats 1.0, 2.0, NaN) did not apply to the same data saved
    as CSV ('no row of the dataset has the ids they were made on (ids 1.0, 10.0)'). "007" stays apart from 7."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str) and (whole := _WHOLE_FLOAT_TEXT.fullmatch(value)):
        return whole.group(1)
    if isinstance(value, str) and value[:1] == "b" and (named := repr_bytes_name(value)) is not None:
        return named  # "b'id0'": a binary id as lines made before engine/id_column named it by its text
    return value if isinstance(value, str) else None
