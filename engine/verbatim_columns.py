"""An export's rows as the input file spelled them, for a JSON file that holds an object of columns (pandas'
default ``to_json``, or a list per column): each cell as the file wrote it where it holds the same value. With the
scanners engine/verbatim.py's JSON array reader shares (``past``, ``next_item``)."""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

JSON = json.JSONDecoder()
WHITESPACE = re.compile(r"[ \t\r\n]*")


def past(text: str, i: int, char: str) -> int:
    """Past the whitespace from ``i``, the ``char`` there and the whitespace after it; ValueError
    (read by the callers as "not this layout") when another character stands there."""
    i = WHITESPACE.match(text, i).end()
    if text[i] != char:
        raise ValueError(f"expected {char!r} at {i}")
    return WHITESPACE.match(text, i + 1).end()


def next_item(text: str, i: int, closer: str) -> int:
    """After a JSON item ending at ``i``: the start of the next one past the comma, or the
    position of ``closer``; ValueError for any other character."""
    i = WHITESPACE.match(text, i).end()
    if text[i] == ",":
        return WHITESPACE.match(text, i + 1).end()
    if text[i] != closer:
        raise ValueError(f"expected ',' or {closer!r} at {i}")
    return i


@dataclass(frozen=True)
class SourceColumns:
    """A JSON object of columns split into its parts: a list per column, or pandas' default, an
    object per column keyed by row. Column c is ``names[c]``; its row i is the text
    ``text[starts[c][i]:value_ends[c][i]]`` (a keyed row's key included), its value begins at
    ``value_starts[c][i]``; ``closes[c]`` is where the column's ``]``/``}`` is."""

    text: str
    names: list[str]
    starts: list[array]
    value_starts: list[array]
    value_ends: list[array]
    closes: list[int]


def json_columns(text: str, rows: int) -> SourceColumns | None:
    """An object of ``rows``-long columns split into its parts, or None when it is not one."""
    names, starts, value_starts, value_ends, closes = [], [], [], [], []
    try:
        i = past(text, 0, "{")
        while text[i] != "}":
            name, i = JSON.raw_decode(text, i)
            i = past(text, i, ":")
            if text[i] not in "[{":
                return None
            keyed, closer = text[i] == "{", "]" if text[i] == "[" else "}"
            row_starts, row_values, row_ends = array("q"), array("q"), array("q")
            i = WHITESPACE.match(text, i + 1).end()
            while text[i] != closer:
                row_starts.append(i)
                if keyed:
                    _, i = JSON.raw_decode(text, i)
                    i = past(text, i, ":")
                row_values.append(i)
                _, i = JSON.raw_decode(text, i)
                row_ends.append(i)
                i = next_item(text, i, closer)
            if len(row_starts) != rows:
                return None
            names.append(name)
            starts.append(row_starts)
            value_starts.append(row_values)
            value_ends.append(row_ends)
            closes.append(i)
            i = next_item(text, i + 1, "}")
        if WHITESPACE.match(text, i + 1).end() != len(text):
            return None
    except (ValueError, IndexError, RecursionError):
        return None
    if not rows or len(set(names)) != len(names):
        return None
    return SourceColumns(text, names, starts, value_starts, value_ends, closes)


def _same_value(source: str, value: Any) -> bool:
    """True when the JSON text ``source`` parses to exactly ``value`` (1, 1.0 and true differ)."""
    try:
        parsed = json.loads(source)
        return json.dumps(parsed, sort_keys=True) == json.dumps(value, sort_keys=True)
    except (ValueError, TypeError, RecursionError):
        return False


def json_columns_text(source: SourceColumns, names: list[str], columns: list[list[Any]], rows: Sequence[int],
                      render: Any) -> str | None:
    """A JSON object of columns in the file's own spelling: each kept row's cell as the file wrote
    it when it holds the same value, else its key (if any) with the value ``render(value)``
    spliced in; the text around and between cells is the file's. None when the output's columns
    are not the file's or no row is left (the caller renders the file afresh)."""
    if names != source.names or not rows or any(len(column) != len(rows) for column in columns):
        return None
    text, parts, position = source.text, [], 0
    for c, column in enumerate(columns):
        starts, values, ends = source.starts[c], source.value_starts[c], source.value_ends[c]
        parts.append(text[position:starts[0]])  # up to the column's first row: the key, '[' or '{'
        last = len(starts) - 1
        for k, (row, value) in enumerate(zip(rows, column)):
            cell = text[values[row]:ends[row]]
            rendered = render(value)
            if cell != rendered and not _same_value(cell, value):  # the text compared first: fast
                cell = rendered
            parts.append(text[starts[row]:values[row]] + cell)
            parts.append(text[ends[row]:starts[row + 1]] if k + 1 < len(rows)
                         else text[ends[last]:source.closes[c]])  # the file's ',\n  ', then its end
        position = source.closes[c]
    parts.append(text[position:])
    return "".join(parts)
