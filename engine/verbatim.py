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
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.csv_lines import delimited_lines
from engine.verbatim_columns import JSON, WHITESPACE, SourceColumns, json_columns, next_item, past

_CSV_COMMAS = re.compile(r'"(?<![^,\r\n]")[^"]*(?:""[^"]*)*"|,')
_NEEDS_QUOTES = re.compile('[,"\r\n]')


@dataclass(frozen=True)
class SourceText:
    """An input file's text and where its records are (a CSV's header first): record i is
    ``text[starts[i]:stops[i]]`` without its line ending, and ``text[stops[i]:end_stops[i]]`` is
    its own ending ('' for a last line without one; a file may mix CRLF and LF). In a JSON
    array file the ending is the text up to the next record (``,\n  ``), after the last one the
    rest of the file, and ``prefix`` the text before the first (``[`` and any space). Offsets,
    not slices: 8 bytes a number, no copy of the text."""

    text: str
    starts: array
    stops: array
    end_stops: array
    prefix: str = ""

    def __len__(self) -> int:
        return len(self.starts)

    def record(self, i: int) -> str:
        return self.text[self.starts[i]:self.stops[i]]

    def end(self, i: int) -> str:
        return self.text[self.stops[i]:self.end_stops[i]]

    @property
    def records(self) -> list[str]:
        return [self.record(i) for i in range(len(self))]


_BLANK = re.compile(r"\s*")


def source_records(path: str | Path, fmt: str, encoding: str, rows: int,
                   bom: bool = False) -> SourceText | SourceColumns | None:
    """The input's records, or None when they cannot be told apart exactly (their count is not
    the row count: odd quoting a reader takes otherwise); ``bom``: the writer writes the file's BOM."""
    if fmt not in ("csv", "tsv", "jsonl", "json"):
        return None
    try:
        text = codecs.decode(Path(path).expanduser().read_bytes(), encoding)
    except (OSError, UnicodeDecodeError, LookupError):
        return None
    if bom and codecs.lookup(encoding).name != "utf-8-sig":  # the writer writes that BOM; "utf-8-sig" took it off
        text = text.removeprefix("\ufeff")  # (a second BOM, or one a codec without BOMs read, is the text's)
    if fmt == "json":
        return _json_array(text, rows) or json_columns(text, rows)
    starts, stops, end_stops = array("q"), array("q"), array("q")

    def add(start: int, stop: int, end_stop: int) -> None:
        starts.append(start)
        stops.append(stop)
        end_stops.append(end_stop)

    if fmt == "jsonl":  # as engine.json_readers.read_jsonl splits them: "\n" only, a "\r" before it dropped
        position, size = 0, len(text)
        while True:
            newline = text.find("\n", position)
            line_end = size if newline == -1 else newline
            stop = line_end - 1 if newline != -1 and line_end > position and text[line_end - 1] == "\r" else line_end
            if _BLANK.match(text, position, stop).end() != stop:  # blank lines are no rows
                add(position, stop, line_end if newline == -1 else newline + 1)
            if newline == -1:
                break
            position = newline + 1
        wanted = rows
    else:
        for start, stop, end_stop, blank in delimited_lines(text, fmt):
            if not blank:
                add(start, stop, end_stop)
        wanted = rows + 1
    if len(starts) != wanted:
        return None
    return SourceText(text, starts, stops, end_stops)


def _json_array(text: str, rows: int) -> SourceText | None:
    """A JSON array of ``rows`` objects split into its records and the text around them."""
    starts, stops = array("q"), array("q")
    try:
        i = past(text, 0, "[")
        while text[i] != "]":
            value, end = JSON.raw_decode(text, i)
            if not isinstance(value, dict):
                return None
            starts.append(i)
            stops.append(end)
            i = next_item(text, end, "]")
    except (ValueError, IndexError, RecursionError):
        return None
    if len(starts) != rows or not rows:
        return None
    end_stops = array("q", starts[1:])
    end_stops.append(len(text))
    return SourceText(text, starts, stops, end_stops, text[:starts[0]])


def json_array_text(source: SourceText, rendered: list[str], rows: Sequence[int], label: Any) -> str:
    """A JSON array file's text: its own spelling around and between the records, each record
    the source's where :func:`choose` allows (``rendered[k]``: output record k, compact)."""
    parts = [source.prefix]
    for k, line in enumerate(rendered):
        at = rows[k]
        parts.append(_choose(source.record(at), line, "jsonl", label)[0])
        parts.append(source.end(len(source) - 1) if k == len(rendered) - 1 else source.end(at))
    return "".join(parts)


def _csv_fields(line: str) -> list[str] | None:
    if len(line) >= csv.field_size_limit():  # its default (128 KiB) is no limit on a text
        csv.field_size_limit(len(line) + 1)
    try:
        parsed = list(csv.reader([line]))  # not strict: as pandas, text after a closing quote is data
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
        i = WHITESPACE.match(line, 0).end()
        if line[i] != "{":
            return None
        i = WHITESPACE.match(line, i + 1).end()
        if line[i] == "}":
            return None
        while True:
            name, i = JSON.raw_decode(line, i)
            i = WHITESPACE.match(line, i).end()
            if line[i] != ":":
                return None
            start = WHITESPACE.match(line, i + 1).end()
            _, end = JSON.raw_decode(line, start)
            if name == key:
                found = (start, end)
            i = WHITESPACE.match(line, end).end()
            if line[i] == "}":
                return found
            if line[i] != ",":
                return None
            i = WHITESPACE.match(line, i + 1).end()
    except (ValueError, IndexError, RecursionError):
        return None


def _tsv_spans(line: str) -> list[tuple[int, int]]:
    """Where each field of one TSV record starts and ends (no quoting: every tab separates)."""
    spans, start = [], 0
    for match in re.finditer("\t", line):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(line)))
    return spans


def _same_tsv(record: str, rendered: str) -> bool:
    return _same_fields(record.split("\t"), rendered.split("\t"))


def _same_csv(record: str, rendered: str) -> bool:
    return _same_fields(_csv_fields(record), _csv_fields(rendered))


def _same_fields(fields: list[str] | None, wanted: list[str] | None) -> bool:
    """True when a record's ``fields`` are the ``wanted`` ones; a short record (a ragged row, read
    with its missing last cells empty) holds them when those cells are empty."""
    if fields is None or wanted is None:
        return False
    return fields == wanted or (0 < len(fields) < len(wanted) and fields == wanted[:len(fields)]
                                and not any(wanted[len(fields):]))


def _same_json(record: str, rendered: str) -> bool:
    canonical = _json_canonical(record)
    return canonical is not None and canonical == _json_canonical(rendered)


def _spliced(record: str, rendered: str, fmt: str, label: Any) -> str | None:
    """``record`` with its label cell replaced by ``rendered``'s, or None when they do not line up."""
    if fmt == "tsv":
        ours, theirs = _tsv_spans(record), _tsv_spans(rendered)
        if not isinstance(label, int) or len(ours) > len(theirs) or label >= len(ours):
            return None
        (start, end), (new_start, new_end) = ours[label], theirs[label]
    elif fmt == "csv":
        ours, theirs = _csv_spans(record), _csv_spans(rendered)
        if not isinstance(label, int) or len(ours) > len(theirs) or label >= len(ours):
            return None  # a short (ragged) record is checked by _same_csv afterwards
        (start, end), (new_start, new_end) = ours[label], theirs[label]
        cell = rendered[new_start:new_end]
        was_quoted = record.startswith('"', start)
        if was_quoted and not cell.startswith('"'):  # quoted there: quoted here too
            cell = '"' + cell.replace('"', '""') + '"'
        elif not was_quoted and cell.startswith('"'):  # not quoted there (a quote-all rendering)
            inner = cell[1:-1].replace('""', '"')
            if not _NEEDS_QUOTES.search(inner):
                cell = inner
        return record[:start] + cell + record[end:]
    else:
        ours_span, theirs_span = _json_value_span(record, label), _json_value_span(rendered, label)
        if ours_span is None or theirs_span is None:
            return None
        (start, end), (new_start, new_end) = ours_span, theirs_span
        return record[:start] + _laid_out_like(record[start:end], rendered[new_start:new_end], record) + record[end:]
    return record[:start] + rendered[new_start:new_end] + record[end:]


_FIRST_ITEM = re.compile(r"\[[ \t]*\r?\n(?:[ \t]*\r?\n)*([ \t]*)[^\s\]]")
_CLOSING = re.compile(r"\r?\n([ \t]*)\]\Z")
_LAST_LINE = re.compile(r"\n([ \t]*)\}\Z")
_FIRST_KEY = re.compile(r"\{[ \t]*\r?\n([ \t]*)\"")


def _laid_out_like(old: str, new: str, record: str) -> str:
    """A list value ``new`` (compact) laid out as the record's list ``old`` spans its lines, one item
    a line at the same indents: a relabelled set in a ``.json`` written with ``indent`` (pandas'
    ``to_json(indent=...)``, ``json.dump(indent=2)``) came out on one line among lists that span
    several. ``new`` as it is for a one-line ``old`` or anything else."""
    closing = _CLOSING.search(old)
    if "\n" not in old or not old.startswith("[") or not new.startswith("[") or closing is None:
        return new
    items, i = [], WHITESPACE.match(new, 1).end()
    try:
        while new[i] != "]":
            _, end = JSON.raw_decode(new, i)
            items.append(new[i:end])
            i = next_item(new, end, "]")
    except (ValueError, IndexError, RecursionError):
        return new
    if not items:
        return new
    close = closing.group(1)
    first = _FIRST_ITEM.match(old)
    if first is not None:
        indent = first.group(1)
    else:  # an empty list (pandas writes '[\n\n  ]'): one indent step (the record's own) past the ']'
        key, brace = _FIRST_KEY.match(record), _LAST_LINE.search(record)
        step = len(key.group(1)) - len(brace.group(1)) if key is not None and brace is not None else 0
        indent = close + " " * max(step, 1)
    newline = "\r\n" if "\r\n" in old else "\n"
    return "[" + ",".join(newline + indent + item for item in items) + newline + close + "]"


def choose(record: str, rendered: str, fmt: str, label: Any) -> str:
    """The source ``record`` when it holds the values of ``rendered``, else it with the label cell
    spliced in when that holds them, else ``rendered``."""
    return _choose(record, rendered, fmt, label)[0]


def _choose(record: str, rendered: str, fmt: str, label: Any) -> tuple[str, bool]:
    """:func:`choose`, and whether the line is the record's (itself or spliced)."""
    if record == rendered:
        return record, True
    same = {"csv": _same_csv, "tsv": _same_tsv}.get(fmt, _same_json)
    if same(record, rendered):
        return record, True
    spliced = _spliced(record, rendered, fmt, label)
    if spliced is not None and same(spliced, rendered):
        return spliced, True
    return rendered, False


def keep_source_text(chunks: Iterator[list[str]], source: SourceText, rows: Sequence[int], fmt: str,
                     label: Any, newline: str, final_newline: bool) -> Iterator[list[str]]:
    """The writer's rendered lines (``chunks``; a CSV's header first), each replaced by its
    source record (``rows[k]`` is output row k's input row) where :func:`choose` allows, each
    ending as its record did (else with ``newline``); the last one ends as ``final_newline`` says."""
    header = fmt in ("csv", "tsv")
    k = 0
    held: str | None = None  # the latest line, held back until it is known not to be the last
    for lines in chunks:
        out = []
        for rendered in lines:
            at = 0 if header else rows[k] + (fmt in ("csv", "tsv"))
            record = source.record(at)
            boms = len(record) - len(record.lstrip("\ufeff")) if header else 0  # a second BOM: the reader drops it too
            line, ours = _choose(record[boms:], rendered, fmt, None if header else label)
            line = record[:boms] + line if ours else line
            end = (source.end(at) or newline) if ours else newline
            if header:
                header = False
            else:
                k += 1
            if held is not None:
                out.append(held)
            held = line + end
        if out:
            yield out
    if held is None:  # every JSONL row excluded: an empty file, as the plain writer has it
        held = ""
    elif not final_newline:
        held = held.rstrip("\r\n")
    yield [held]
