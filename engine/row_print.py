"""A fingerprint of a row's other columns, to tell apart copies of a repeated text.

Without ``--id-column`` a journal line finds its row by position and text hash. Two rows with the
same text and label that differ elsewhere (a source, a date) look the same to that test, so after
a re-sort of the file a decision would land on the other copy. Each line therefore also records
``row_hash``: pandas' ``hash_pandas_object`` of the row's columns other than the text and the
label, as 16 hex digits, then ``-`` and 8 hex digits naming which columns it covers. Replay
compares it to choose among rows with the decided text, and to refuse the one row left with it
when that row's other columns differ (the decided copy deleted). After a column was added (one or
two) or the columns were reordered (a JSONL whose lines order their keys differently, re-sorted),
the line's fingerprint is computed again over the columns it covered (``EarlierPrints``);
after one was removed, renamed or moved, copies that still differ in the columns left cannot be
told apart (replay reports them, not applied), and copies alike in all of them may take the one
at the position (either gives the same output). Data with no other columns has no fingerprint
(its copies are identical, so either is right). The same data saved in another format (a CSV
reads 7, 0.5, True as text) is compared with its values re-typed (``RetypedPrints``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from engine.load import Dataset, text_column_parts


def other_columns(dataset: Dataset) -> list[int]:
    """Positions of the frame's columns that are neither the text (or its parts) nor the label."""
    frame = dataset.frame
    try:
        skip = set(text_column_parts(frame, dataset.text_column)) | {dataset.text_column, dataset.label_column}
    except Exception:  # noqa: BLE001 - a frame the loader already accepted; be lenient here
        skip = {dataset.text_column, dataset.label_column}
    return [i for i, name in enumerate(frame.columns) if name not in skip]


def row_prints(dataset: Dataset, rows: Any = None, columns: list[int] | None = None) -> list[str] | None:
    """The fingerprints of ``rows`` (None: every row), in order, or None when there are no other
    columns. A row's fingerprint depends on that row alone, whatever other rows are asked with it."""
    columns = other_columns(dataset) if columns is None else columns
    if not columns:
        return None
    frame = dataset.frame.iloc[:, columns] if rows is None else dataset.frame.iloc[np.asarray(rows), columns]
    try:
        plain = pd.DataFrame({i: _hashable(frame.iloc[:, i]) for i in range(frame.shape[1])})
        hashes = pd.util.hash_pandas_object(plain, index=False).to_numpy()
    except (TypeError, ValueError):  # a column pandas cannot hash: no fingerprint (position decides)
        return None
    tag = columns_tag(dataset, columns)
    return [f"{value:016x}-{tag}" for value in hashes.tolist()]


class RowPrints:
    """Rows' fingerprints, each computed once, in one pass for the rows not seen yet (None for
    every row when the data has no other columns, or one pandas cannot hash)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._columns: list[int] | None = None  # the columns row_hash covers (None: not looked up yet)
        self._prints: dict[int, str] = {}

    def get(self, rows: Any) -> list[str] | None:
        """The ``row_hash`` of ``rows``, in order, or None when the data has none."""
        if self._columns is None:
            self._columns = other_columns(self.dataset)
        if not self._columns:
            return None
        rows = [int(row) for row in rows]
        missing = [row for row in dict.fromkeys(rows) if row not in self._prints]
        if missing:
            made = row_prints(self.dataset, missing, self._columns)
            if made is None:  # columns pandas cannot hash: no row_hash for this data
                self._columns = []
                return None
            self._prints.update(zip(missing, made))
        return [self._prints[row] for row in rows]


class EarlierPrints:
    """Fingerprints over the other columns a journal line's ``row_hash`` covered, when the file
    has gained columns since or ordered them otherwise: the current columns less one or two of
    them (with up to six, in any order), found by their ``columns_tag``. Without them a re-sorted
    file with a column added sent a decision to whichever copy of a repeated text sat at its
    position (s14 hostile, left)."""

    #: Beyond this many other columns only one added column is looked for (pairs grow as n**2).
    PAIRS_UP_TO = 300
    #: Up to this many other columns they are also tried in every order (6: 1,800 names hashed).
    ANY_ORDER_UP_TO = 6

    def __init__(self, dataset: Dataset, rows: RowPrints) -> None:
        self.dataset = dataset
        self._rows = rows
        self._columns: dict[str, list[int] | None] = {}  # tag -> the columns it names (None: not here)
        self._prints: dict[str, dict[int, str]] = {}
        self.named: list[int] = []  # rows the journal names: fingerprinted in one pass per tag

    def columns(self, tag: str) -> list[int] | None:
        """The current columns whose names give ``tag``, or None (a column removed, renamed or moved)."""
        if tag not in self._columns:
            self._columns[tag] = self._find(tag)
        return self._columns[tag]

    def _find(self, tag: str) -> list[int] | None:
        current = other_columns(self.dataset)
        n = len(current)
        drops: list[tuple[int, ...]] = [(i,) for i in range(n)]
        if n <= self.PAIRS_UP_TO:
            drops += [(i, j) for i in range(n) for j in range(i + 1, n)]
        candidates: Iterable[Sequence[int]] = ([c for k, c in enumerate(current) if k not in drop]
                                               for drop in drops)
        if n <= self.ANY_ORDER_UP_TO:  # a JSONL whose lines order their keys differently: re-sorted, columns move
            candidates = itertools.chain(candidates, (p for k in (n, n - 1, n - 2) if k > 0
                                                      for p in itertools.permutations(current, k)))
        for kept in candidates:
            if kept and columns_tag(self.dataset, list(kept)) == tag:
                return list(kept)
        return None

    def get(self, row: int, tag: str) -> str | None:
        """``row``'s fingerprint over the columns ``tag`` names, or None when they are not all here."""
        columns = self.columns(tag)
        if columns is None:
            return None
        made = self._prints.setdefault(tag, {})
        if row not in made:
            rows = list(dict.fromkeys([row] + [r for r in self.named if r not in made]))
            found = row_prints(self.dataset, rows, columns)
            if found is None:
                return None
            made.update(zip(rows, found))
        return made[row]


class RetypedPrints:
    """Fingerprints over the same columns with their values re-typed as another format writes them:
    a CSV reads every cell as text ('7', '0.5', 'True') where a JSONL or Parquet file held 7, 0.5,
    True. The same data saved as CSV (or back) gave every row another ``row_hash``, so decisions on
    a repeated text matched no copy, even at their own position: 'no decision applies ... their id or
    text now belongs to several rows'. Two variants: text cells read as numbers (or booleans) where
    every cell of the column reads so (empty ones aside), and numbers and booleans written as text."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._prints: dict[int, tuple[str | None, str | None]] = {}
        self._frames: list[pd.DataFrame | None] | None = None
        self.named: list[int] = []  # rows the journal names: fingerprinted in one pass

    def matches(self, row: int, wanted: str) -> bool:
        """True when ``row``'s re-typed fingerprint (either variant) is ``wanted``."""
        if row not in self._prints:
            rows = list(dict.fromkeys([row] + [r for r in self.named if r not in self._prints]))
            variants = [self._hash(frame, rows) for frame in self._variants()]
            for i, r in enumerate(rows):
                self._prints[r] = (variants[0][i] if variants[0] else None, variants[1][i] if variants[1] else None)
        return wanted in self._prints[row]

    def _variants(self) -> list[pd.DataFrame | None]:
        if self._frames is None:
            columns = other_columns(self.dataset)
            frame = self.dataset.frame.iloc[:, columns] if columns else None
            if frame is None:
                self._frames = [None, None]
            else:
                as_numbers = [_as_numbers(frame.iloc[:, i]) for i in range(frame.shape[1])]
                as_text = [_as_text(frame.iloc[:, i]) for i in range(frame.shape[1])]
                self._frames = [_frame(as_numbers, frame), _frame(as_text, frame)]
                self._tag = columns_tag(self.dataset, columns)
        return self._frames

    def _hash(self, frame: pd.DataFrame | None, rows: list[int]) -> list[str] | None:
        if frame is None:
            return None
        part = frame.iloc[np.asarray(rows)]
        try:
            plain = pd.DataFrame({i: _hashable(part.iloc[:, i]) for i in range(part.shape[1])})
            hashes = pd.util.hash_pandas_object(plain, index=False).to_numpy()
        except (TypeError, ValueError):
            return None
        return [f"{value:016x}-{self._tag}" for value in hashes.tolist()]


def _frame(columns: list[pd.Series | None], frame: pd.DataFrame) -> pd.DataFrame | None:
    """``frame`` with the re-typed columns in place, or None when none re-types."""
    if all(column is None for column in columns):
        return None
    return pd.DataFrame({i: frame.iloc[:, i].reset_index(drop=True) if column is None else column
                         for i, column in enumerate(columns)})


#: A whole number as a CSV spells an int column's cell (not '7.0', '7e0').
_INT_TEXT = re.compile(r"[+-]?[0-9]+")


def _as_numbers(column: pd.Series) -> pd.Series | None:
    """A text column whose every cell reads as an int, a float or a boolean (an empty cell: missing),
    as those values, typed as a JSONL or Parquet file's column loads: ints with a gap as ``Int64``,
    booleans with one as ``boolean``. Columns with a missing cell were left as text, so the data
    saved as CSV from a file with an optional number column matched no copy of a repeated text."""
    if column.dtype.kind in "biufc":
        return None
    missing = column.isna().to_numpy()
    values = column.tolist()
    present = [v for v, gap in zip(values, missing) if not gap]
    if not present or not all(isinstance(v, str) for v in present):
        return None
    if set(present) <= {"True", "False"}:
        if not missing.any():
            return pd.Series([v == "True" for v in values], dtype=bool)
        return pd.Series([None if gap else v == "True" for v, gap in zip(values, missing)], dtype="boolean")
    try:
        numbers = pd.to_numeric(pd.Series([None if gap else v for v, gap in zip(values, missing)], dtype=object))
    except (TypeError, ValueError):
        return None
    if numbers.dtype.kind not in "if":
        return None
    if missing.any() and all(_INT_TEXT.fullmatch(v) for v in present):
        try:  # from the texts, exactly (through floats, ints past 2**53 were rounded)
            return pd.Series([pd.NA if gap else int(v) for v, gap in zip(values, missing)], dtype="Int64")
        except (OverflowError, TypeError, ValueError):  # past int64: no such Int64 column to match
            return None
    return numbers


def _as_text(column: pd.Series) -> pd.Series | None:
    """A number or boolean column as the text a CSV holds for it (7, 0.5, True -> '7', '0.5', 'True'; a
    missing value as the missing cell the CSV reader gives for an empty one)."""
    if column.dtype.kind not in "biuf":
        return None
    missing = column.isna().to_numpy()
    if not missing.any():
        return pd.Series([repr(v) if isinstance(v, float) else str(v) for v in column.tolist()], dtype=object)
    if missing.all():
        return None
    return pd.Series([math.nan if gap else repr(v) if isinstance(v, float) else str(v)
                      for v, gap in zip(column.tolist(), missing)], dtype=str)  # as readers.py reads a CSV


def columns_tag(dataset: Dataset, columns: list[int]) -> str:
    """8 hex digits naming the columns a fingerprint covers (their names, in order)."""
    names = json.dumps([str(dataset.frame.columns[i]) for i in columns], ensure_ascii=False)
    return hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _hashable(column: pd.Series) -> pd.Series:
    """An object column's cells as strings (nested values are not hashable); others as they are."""
    if column.dtype != object:
        return column.reset_index(drop=True)
    return pd.Series([value if isinstance(value, str) else repr(value) for value in column.tolist()],
                     dtype=object)
