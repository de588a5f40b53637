"""The values of ``--id-column``: one id a row, as the journal records it and replay matches it.

A list, record or map cell (a Parquet ``list<int>``, ``struct`` or ``map`` column, JSON arrays or objects)
was taken as an id and journalled as a numpy or dict repr (``"[100   7]"``, ``"{'k': 100}"``), which the
``--corrections-only`` table then wrote as text; such a column is refused, as it is for texts and labels.
A Parquet ``binary`` id was journalled and shown as ``"b'id0'"``: it is named by its UTF-8 text, as a
binary label is (by its repr where it is not UTF-8), and a journal line made when the reprs showed still
matches its row (engine/journal_replay's loose ids).
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np
import pandas as pd

from engine.errors import DataError
from engine.wording import counted, counted_verb

_NOT_ONE_VALUE = (list, dict, tuple, set, frozenset, np.ndarray)


def bytes_name(value: bytes) -> str:
    """A binary id by its UTF-8 text, or its repr (``b'\\xff'``) where it is not UTF-8."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return repr(value)


def repr_bytes_name(value: str) -> str | None:
    """The name :func:`bytes_name` gives the bytes whose repr ``value`` is (``"b'id0'"`` -> ``"id0"``): a
    journal line made when binary ids showed as reprs; None for any other text."""
    if not (value.startswith(("b'", 'b"')) and value.endswith(value[1]) and len(value) >= 3):
        return None
    try:
        literal = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return bytes_name(literal) if isinstance(literal, bytes) else None


def row_ids(frame: pd.DataFrame, id_column: str, name: str) -> tuple[list[Any], list[str]]:
    """Each row's id (bytes named as text) and the notes on empty and repeated ids; a DataError naming the
    file for a cell that holds several values."""
    values = frame[id_column]
    ids = values.tolist()
    bad = next((v for v in ids if isinstance(v, _NOT_ONE_VALUE)), None)
    if bad is not None:
        kind = "list" if isinstance(bad, (np.ndarray, tuple, set, frozenset)) else "record"
        shown = repr(bad.tolist() if isinstance(bad, np.ndarray) else bad)
        raise DataError(f"{name}: id column {id_column!r} holds a {kind} value "
                        f"({shown if len(shown) <= 40 else shown[:39] + '…'}); an id is one number or text a row "
                        "(leave out --id-column: decisions then follow each row's text)")
    if any(isinstance(v, (bytes, bytearray)) for v in ids):
        ids = [bytes_name(bytes(v)) if isinstance(v, (bytes, bytearray)) else v for v in ids]
    notes = []
    given = values[values.notna()]  # an empty cell names no row (journal_replay.uses_ids)
    if n_null := len(values) - len(given):  # it read as 'N duplicate values', the empty cells counted as one id
        notes.append(f"{counted_verb(n_null, 'row', 'have')} no value in id column {id_column!r}; decisions "
                     "on them follow their text and position, as without --id-column")
    if n_dup := int(given.duplicated().sum()):
        notes.append(f"{counted(n_dup, 'duplicate value')} in id column {id_column!r}; rows are still told apart by position")
    return ids, notes
