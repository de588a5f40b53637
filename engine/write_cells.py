"""How one cell is rendered when writing a table: a CSV/TSV field's text, a JSON value, JSON text.

Used by engine/writers.py (which writes whole files); collected warnings go to ``Notes``, one
per column and kind. Missing values are empty (CSV) or null (JSON), numbers keep full precision,
bytes become base64, and a lone surrogate, which only JSON can carry, is written as its escape.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
import re
from typing import Any

import numpy as np
import pandas as pd

SURROGATE = re.compile("[\ud800-\udfff]")


class Notes:
    """Warnings collected while writing, one per column and kind."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def why_text(series: pd.Series) -> str:
    """Why a column Arrow cannot type is written as text: JSON integers beyond 64 bits (all of one type,
    which 'mixes value types' misnamed), else its mix of types."""
    values = [v for v in series.tolist() if not missing(v)]
    if values and all(type(v) is int for v in values):
        return "holds integers that no 64-bit integer type holds (beyond int64 and uint64)"
    return "mixes value types"


def cell_text(value: Any, column: str, notes: Notes) -> str:
    """One CSV/TSV cell: missing is empty, numbers at full precision, bytes as base64."""
    if isinstance(value, str):
        return value
    if missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "True" if value else "False"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (bytes, bytearray)):
        notes.add(f"column {column!r} holds binary values; written as base64 text")
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        notes.add(f"column {column!r} holds lists or objects; written as JSON text")
        return dumps(jsonable(value, column, notes), (",", ":"), False, None)
    return str(value)


def jsonable(value: Any, column: str, notes: Notes) -> Any:
    """A value json.dumps writes exactly: numpy scalars as Python numbers, missing as null."""
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bytes, bytearray)):
        notes.add(f"column {column!r} holds binary values; written as base64 text")
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, pd.Timedelta):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)  # a float would round it
    if isinstance(value, dict):
        return {str(k): jsonable(v, column, notes) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [jsonable(v, column, notes) for v in value]
    return str(value)


def surrogates_escaped(text: str) -> str:
    """``text`` with each lone surrogate as its escape: it cannot be encoded as UTF-8, and inside
    a JSON string the escape is exact."""
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if SURROGATE.search(text) else text


#: A JSON string (the encoder escapes every quote inside one), or Python's ``Infinity`` outside strings.
_STRING_OR_INFINITY = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?)Infinity')


def finite_numbers(text: str) -> str:
    """JSON text from ``json``'s encoder with each infinite float as the number ``1e400`` (``-1e400``), which
    JSON readers read back as infinity. The encoder writes ``Infinity``, which is not JSON (RFC 8259): a JSONL
    file's valid ``1e400``, or a Parquet inf, exported as .json gave a file that strict JSON readers (a
    browser's JSON.parse, most other languages) refuse. A float NaN stays ``NaN``: JSON has no number for it."""
    if "Infinity" not in text:
        return text
    return _STRING_OR_INFINITY.sub(lambda m: m.group() if m.group(1) is None else m.group(1) + "1e400", text)


def json_encoder(ascii_only: bool, separators: tuple[str, str], indent: int | None = None) -> Any:
    """``encode(value)``: JSON text as :func:`dumps` writes it (infinities as :func:`finite_numbers` spells
    them; lone surrogates escaped unless ``ascii_only``, where the encoder escapes them itself)."""
    encode = json.JSONEncoder(ensure_ascii=ascii_only, separators=separators, indent=indent, allow_nan=True).encode
    if ascii_only:
        return lambda value: finite_numbers(encode(value))
    return lambda value: surrogates_escaped(finite_numbers(encode(value)))


def dumps(value: Any, separators: tuple[str, str], ascii_only: bool, indent: int | None) -> str:
    return json_encoder(ascii_only, separators, indent)(value)


def cell_renderer(ascii_only: bool) -> Any:
    """One JSON value as :func:`_dumps` writes it compact, through one encoder (a cell at a time)."""
    return json_encoder(ascii_only, (",", ":"))
