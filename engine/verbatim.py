"""An export's rows as the input file spelled them: byte for byte but the corrected cells.

Re-rendering a row from its values loses how the file wrote it: a CSV cell quoted without need
(``"hello"``, R's ``write.csv``, a quoted empty ``""``), JSON spacing (``{"a": 1}``) or a number's
spelling (``2.50``). So an export in the input's own format (CSV or JSONL) writes each row's
original record instead of its rendering whenever the two hold the same values, and for a
relabelled row splices the new label cell into the original record. Every record written is
checked first: it must parse to exactly the values of the rendered line (same fields, same
strings, same JSON types), else the rendered line is written, as before. A wrong guess here
therefore costs byte-exactness of that row, never its data.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

#: Quoted runs and line breaks of a CSV text: a break outside quotes ends a record.
_CSV_BREAKS = re.compile(r'"[^"]*"|\r\n|\n|\r')
_CSV_COMMAS = re.compile(r'"[^"]*"|,')
_JSON = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\r\n]*")


def source_records(path: str | Path, fmt: str, encoding: str, rows: int) -> list[str] | None:
    """The input's records as text (a CSV's header first), or None when they cannot be told
    apart exactly (their count is not the row count: odd quoting, blank lines)."""
    if fmt not in ("csv", "jsonl"):
        return None
    try:
        text = codecs.decode(Path(path).expanduser().read_bytes(), encoding)
    except (OSError, UnicodeDecodeError, LookupError):
        return None
    text = text.removeprefix("\ufeff")
    if fmt == "jsonl":  # as engine.readers.read_jsonl splits them: "\n" only, a "\r" before it dropped
        records = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        records = [line for line in records if line.strip()]
        return records if len(records) == rows else None
    records, start = [], 0
    for match in _CSV_BREAKS.finditer(text):
        if match.group()[0] != '"':
            records.append(text[start:match.start()])
            start = match.end()
    records.append(text[start:])
    records = [record for record in records if record]
    return records if len(records) == rows + 1 else None


def _csv_fields(line: str) -> list[str] | None:
    if len(line) >= csv.field_size_limit():  # its default (128 KiB) is no limit on a text
        csv.field_size_limit(len(line) + 1)
    try:
        parsed = list(csv.reader([line], strict=True))
    except csv.Error:
        return None
    return parsed[0] if len(parsed) == 1 else None


def _csv_spans(line: str) -> list[tuple[int, int]]:
    """Where each field of one CSV record starts and ends (commas inside quotes are data)."""
    spans, start = [], 0
    for match in _CSV_COMMAS.finditer(line):
        if match.group() == ",":
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(line)))
    return spans


def _json_canonical(line: str) -> str | None:
    """One JSON record in a form equal for equal values (key order aside; 1, 1.0 and true differ)."""
    try:
        return json.dumps(json.loads(line), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    except (ValueError, RecursionError):
        return None


def _json_value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of top-level ``key`` starts and ends in a one-object JSON line (the last
    one when the key repeats, as ``json.loads`` keeps it)."""
    found = None
    try:
        i = _WHITESPACE.match(line, 0).end()
        if line[i] != "{":
            return None
        i = _WHITESPACE.match(line, i + 1).end()
        if line[i] == "}":
            return None
        while True:
            name, i = _JSON.raw_decode(line, i)
            i = _WHITESPACE.match(line, i).end()
            if line[i] != ":":
                return None
            start = _WHITESPACE.match(line, i + 1).end()
            _, end = _JSON.raw_decode(line, start)
            if name == key:
                found = (start, end)
            i = _WHITESPACE.match(line, end).end()
            if line[i] == "}":
                return found
            if line[i] != ",":
                return None
            i = _WHITESPACE.match(line, i + 1).end()
    except (ValueError, IndexError, RecursionError):
        return None


def _same_csv(record: str, rendered: str) -> bool:
    fields = _csv_fields(record)
    return fields is not None and fields == _csv_fields(rendered)


def _same_json(record: str, rendered: str) -> bool:
    canonical = _json_canonical(record)
    return canonical is not None and canonical == _json_canonical(rendered)


def _spliced(record: str, rendered: str, fmt: str, label: Any) -> str | None:
    """``record`` with its label cell replaced by ``rendered``'s, or None when they do not line up."""
    if fmt == "csv":
        ours, theirs = _csv_spans(record), _csv_spans(rendered)
        if not isinstance(label, int) or len(ours) != len(theirs) or label >= len(ours):
            return None
        (start, end), (new_start, new_end) = ours[label], theirs[label]
        cell = rendered[new_start:new_end]
        if record.startswith('"', start) and not cell.startswith('"'):  # quoted there: quoted here too
            cell = '"' + cell.replace('"', '""') + '"'
        return record[:start] + cell + record[end:]
    else:
        ours_span, theirs_span = _json_value_span(record, label), _json_value_span(rendered, label)
        if ours_span is None or theirs_span is None:
            return None
        (start, end), (new_start, new_end) = ours_span, theirs_span
    return record[:start] + rendered[new_start:new_end] + record[end:]


def choose(record: str, rendered: str, fmt: str, label: Any) -> str:
    """The source ``record`` when it holds the values of ``rendered``, else it with the label cell
    spliced in when that holds them, else ``rendered``."""
    if record == rendered:
        return record
    same = _same_csv if fmt == "csv" else _same_json
    if same(record, rendered):
        return record
    spliced = _spliced(record, rendered, fmt, label)
    if spliced is not None and same(spliced, rendered):
        return spliced
    return rendered


def keep_source_text(chunks: Iterator[list[str]], records: list[str], rows: Sequence[int], fmt: str,
                     label: Any) -> Iterator[list[str]]:
    """The writer's rendered lines (``chunks``; a CSV's header first), each replaced by its
    source record (``rows[k]`` is output row k's input row) where :func:`choose` allows."""
    header = fmt == "csv"
    k = 0
    for lines in chunks:
        out = []
        for rendered in lines:
            if header:
                out.append(choose(records[0], rendered, fmt, None))
                header = False
                continue
            out.append(choose(records[rows[k] + (fmt == "csv")], rendered, fmt, label))
            k += 1
        yield out
