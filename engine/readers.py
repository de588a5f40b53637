"""Read a data file into a DataFrame exactly, and note how it was written (``SourceStyle``).

Exactly means: CSV/TSV cells are read as strings (nothing is guessed), the header is kept as
spelled (repeated or empty names too), TSV has no quoting (a leading ``"`` is data), JSON numbers
keep every digit (the ``json`` module, not pandas' fast parser; integers of any size), and
Parquet keeps nullable integer and boolean columns nullable instead of turning them into floats.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.arrow_frame import arrow_nans, arrow_to_frame
from engine.errors import DataError
from engine.formats import SourceStyle
from engine.hf_parquet import parquet_features
from engine.json_keys import RepeatedKeys
from engine.tsv_quoting import check_tsv_quoting
from engine.write_cells import dumps

_HEAD_BYTES = 1 << 16
_INT64 = (-(1 << 63), (1 << 63) - 1)
_UINT64_MAX = (1 << 64) - 1


def unique_names(header: list[str]) -> list[str]:
    """Frame column names for a header: repeated names get ``.1``, ``.2``; empty ones ``Unnamed: i``."""
    seen = set(header)
    names: list[str] = []
    used: set[str] = set()
    for position, name in enumerate(header):
        candidate = name if name else f"Unnamed: {position}"
        if candidate in used:
            base, k = candidate, 1
            while f"{base}.{k}" in used or f"{base}.{k}" in seen:
                k += 1
            candidate = f"{base}.{k}"
        used.add(candidate)
        names.append(candidate)
    return names


def _wide(encoding: str) -> str | None:
    """``'utf-16'``/``'utf-32'`` for an encoding of 2-4 bytes a character (either byte order),
    else None: their line breaks are not single bytes and their codecs handle the BOM."""
    name = codecs.lookup(encoding).name
    return name[:6] if name.startswith(("utf-16", "utf-32")) else None


def _decoded_lines(encoding: str) -> bool:
    """True where a line break is not the bytes ``\\r``/``\\n`` (UTF-16/32; EBCDIC code pages such as
    cp037 write LF as 0x25): such a file's line breaks are searched in its decoded text."""
    # endswith: utf-8-sig writes a BOM first
    return bool(_wide(encoding)) or not "\r\n".encode(encoding, errors="replace").endswith(b"\r\n")


def _blank_note(path: Path, blank: int) -> tuple[str, ...]:
    """The note that ``blank`` blank lines were skipped (an export leaves them out)."""
    if not blank:
        return ()
    lines = "1 blank line is not a row" if blank == 1 else f"{blank:,} blank lines are not rows"
    return (f"{path.name}: {lines}; an export leaves them out",)


def _text_layout(path: Path, encoding: str, spaces: str = " \t") -> tuple[str, bool, bool]:
    """(newline, ends with a newline, has a UTF-8 BOM) from the file's bytes; a last line of
    ``spaces`` without a line break is a blank line, left out: the line before it ends the file."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read().rstrip(spaces.encode())
    bom = head.startswith(codecs.BOM_UTF8) and encoding.lower().replace("-", "").startswith("utf8")
    if _decoded_lines(encoding):
        return _wide_text_layout(path, encoding, spaces)
    lf = head.find(b"\n")
    if lf == -1:  # no line break in the head (one long line): the file's end tells
        newline = "\r\n" if tail.endswith(b"\r\n") else "\r" if tail.endswith(b"\r") or b"\r" in head else "\n"
    else:
        newline = "\r\n" if lf > 0 and head[lf - 1:lf] == b"\r" else "\n"
    return newline, tail.endswith((b"\n", b"\r")), bom


def _written_encoding(path: Path, encoding: str, bom: bool) -> tuple[str, bool]:
    """The encoding (and BOM flag) that writes the file back as it is: ``utf-16``/``utf-32`` read
    either byte order by the BOM but write little-endian, so a big-endian file names its order."""
    name = codecs.lookup(encoding).name
    if name != _wide(encoding):  # utf-16-le/-be name their byte order already
        return encoding, bom
    with path.open("rb") as handle:
        head = handle.read(4)
    big = codecs.BOM_UTF32_BE if name == "utf-32" else codecs.BOM_UTF16_BE
    if head.startswith(big):
        return f"{name}-be", True
    return encoding, bom  # little-endian: the codec writes that BOM itself (reading needs one)


def _wide_text_layout(path: Path, encoding: str, spaces: str) -> tuple[str, bool, bool]:
    """:func:`_text_layout` for UTF-16/32 and EBCDIC, whose line breaks are not the ASCII bytes (a
    UTF-16/32 codec itself reads and writes the BOM)."""
    with path.open(encoding=encoding, newline="") as handle:
        head = handle.read(_HEAD_BYTES)
        last = head
        while chunk := handle.read(1 << 20):
            last = chunk
    lf = head.find("\n")
    if lf == -1:
        newline = "\r\n" if last.endswith("\r\n") else "\r" if "\r" in head else "\n"
    else:
        newline = "\r\n" if lf > 0 and head[lf - 1] == "\r" else "\n"
    return newline, last.rstrip(spaces).endswith(("\n", "\r")), False


def _all_quoted(head: str, records: int = 2) -> bool:
    """True when the first ``records`` CSV records of ``head`` quote every field (quote-all)."""
    i, n, done = 0, len(head), 0
    while i < n and done < records:
        if head[i] != '"':
            return False
        i += 1
        while True:  # to the closing quote; "" is an escaped quote
            j = head.find('"', i)
            if j == -1:
                return True  # the head ends inside a quoted field
            if head.startswith('""', j):
                i = j + 2
                continue
            i = j + 1
            break
        if i >= n:
            return True
        if head[i] == ",":
            i += 1
            continue
        if head.startswith("\r\n", i):
            i += 2
        elif head[i] in "\r\n":
            i += 1
        else:
            return False
        done += 1
    return done >= 1


#: Separators a delimited file may really use when its header reads as one column.
_SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes"}


def separator_problem(header: str, kind: str) -> str | None:
    """Why a one-column header of a .csv/.tsv file looks split by another separator, or None.

    A semicolon CSV read with commas is one column ``'text;label'`` (or, with a comma in a text,
    a parse error), where the user sees only a missing column or a tokenizer message."""
    own = "," if kind == "csv" else "\t"
    if own in header:
        return None
    found = [sep for sep in _SEPARATORS if sep != own and sep in header]
    if not found:
        return None
    sep = max(found, key=header.count)
    fix = {("csv", "\t"): "rename it to .tsv", ("tsv", ","): "rename it to .csv"}.get(
        (kind, sep), "save it with commas (.csv) or tabs (.tsv)")
    return (f"the header {header[:60]!r} is one column: the file seems separated by {_SEPARATORS[sep]}, "
            f"but .{kind} is read as separated by {_SEPARATORS[own]}; {fix}")


def _header_line(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as handle:
        return handle.readline(_HEAD_BYTES).rstrip("\r\n")


def read_delimited(path: Path, kind: str, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    """CSV (RFC 4180 quoting) or TSV (no quoting at all); every cell a string, empty = missing."""
    newline, final_newline, bom = _text_layout(path, encoding, " \t" if kind == "csv" else " ")
    quoting_notes = check_tsv_quoting(path, encoding) if kind == "tsv" else ()  # engine/tsv_quoting.py
    options = dict(sep="," if kind == "csv" else "\t", header=None, encoding=encoding, dtype=str,
                   keep_default_na=False, na_values=[""],
                   quoting=csv.QUOTE_MINIMAL if kind == "csv" else csv.QUOTE_NONE)
    try:
        raw = pd.read_csv(path, **options)
    except pd.errors.ParserError:  # ragged rows: a file split by another separator says so
        problem = separator_problem(_header_line(path, encoding), kind)
        if problem:
            raise DataError(f"{path}: {problem}") from None
        raise
    header = ["" if pd.isna(v) else str(v) for v in raw.iloc[0].tolist()] if len(raw) else []
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = unique_names(header)
    quote_all = False
    if kind == "csv":
        with path.open(encoding=encoding, newline="") as handle:
            head = handle.read(_HEAD_BYTES)
        quote_all = _all_quoted(head)  # the header and the first row quote every field
    blank = _blank_lines(path, raw.shape, options)
    notes = _blank_note(path, blank) + quoting_notes
    encoding, bom = _written_encoding(path, encoding, bom)
    style = SourceStyle(fmt=kind, header=tuple(header), newline=newline, final_newline=final_newline,
                        bom=bom, encoding=encoding, quote_all=quote_all, notes=notes)
    return frame, style


def _blank_lines(path: Path, shape: tuple[int, int], options: dict[str, Any]) -> int:
    """Blank lines pandas skipped (an export cannot write them back; spaces only count as blank), in
    any line break (a bare LF one in a CRLF file too): found by a search (the bytes, or a UTF-16/32 or
    EBCDIC file's text), counted only when it finds one, as an export splits lines."""
    import mmap

    from engine.blank_search import has_blank_line
    from engine.csv_lines import blank_lines, cr_shift

    if path.stat().st_size == 0:
        return 0
    first = r"[ \t]*[\r\n]"
    if _decoded_lines(options["encoding"]):
        text = codecs.decode(path.read_bytes(), options["encoding"]).removeprefix("\ufeff")
        if not has_blank_line(text) and not re.match(first, text):
            return 0
    else:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            # a blank first line, after a BOM too
            if not has_blank_line(data) and not re.match(rb"(?:\xef\xbb\xbf)?" + first.encode(), data):
                return 0
        text = codecs.decode(path.read_bytes(), options["encoding"]).removeprefix("\ufeff")
    kind = "csv" if options["sep"] == "," else "tsv"
    if problem := cr_shift(text, kind):  # a pandas misreading, found only beside a blank line
        raise DataError(f"{path}: {problem}")
    counted = blank_lines(text, kind, shape[0])
    if counted is not None:
        return counted
    # odd quoting: pandas tells a blank line from a line break in a quoted cell (given the column
    # count: a blank first line would give none, "No columns to parse")
    return len(pd.read_csv(path, skip_blank_lines=False, names=range(shape[1]), **options)) - shape[0]


def _column(values: list[Any]) -> pd.Series:
    """A column from parsed JSON values with the narrowest dtype that keeps every value exactly."""
    types = set(map(type, values))
    complete = type(None) not in types
    types.discard(type(None))
    if not types:
        return pd.Series(values, dtype=object)
    if types == {bool}:
        return pd.Series(values, dtype="bool" if complete else "boolean")
    if types == {int}:
        present = values if complete else [v for v in values if v is not None]
        if _INT64[0] <= min(present) and max(present) <= _INT64[1]:
            return pd.Series(values, dtype="int64" if complete else "Int64")
        if min(present) >= 0 and max(present) <= _UINT64_MAX:
            return pd.Series(values, dtype="uint64" if complete else "UInt64")
        return pd.Series(values, dtype=object)  # bigger than 64 bits: Python ints
    if types == {float}:
        return pd.Series([np.nan if v is None else v for v in values], dtype="float64")
    if types == {str}:
        try:
            return pd.Series(values, dtype="str")
        except UnicodeEncodeError:  # a lone surrogate: kept as is in a Python-object column
            return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=object)  # mixed types, lists, dicts: values as parsed


def _real_nans(columns: dict[str, list[Any]]) -> dict[str, frozenset[int]]:
    """Per column, the rows holding a float NaN (JSON ``NaN``), which the frame cannot tell from null."""
    found = {}
    for name, values in columns.items():
        rows = frozenset(i for i, v in enumerate(values) if v.__class__ is float and v != v)
        if rows:
            found[name] = rows
    return found


#: JSON's own names for what ``json`` reads into these Python types.
_JSON_KINDS = {"NoneType": "null", "list": "array", "str": "string", "int": "number", "float": "number",
               "bool": "boolean"}


def _frame_from_records(records: list[Any], source: Path) -> tuple[pd.DataFrame, dict[str, frozenset[int]]]:
    order: list[str] = []  # every key, each new one placed after the key before it in its record
    known: set[str] = set()
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            hint = (" (an array of arrays has no column names, as pandas' to_json(orient='values') writes; "
                    f"{_SAVE_AS_RECORDS})") if isinstance(record, list) else ""
            kind = _JSON_KINDS.get(type(record).__name__, type(record).__name__)  # null, not NoneType
            raise DataError(f"{source}: record {number + 1} is a JSON {kind}, not an object{hint}")
        if known.issuperset(record):
            continue
        previous = None
        for key in record:
            if key not in known:
                order.insert(order.index(previous) + 1 if previous is not None else 0, key)
                known.add(key)
            previous = key
    keys = dict.fromkeys(order)
    columns: dict[str, pd.Series] = {}
    absent: dict[str, frozenset[int]] = {}
    for key in keys:
        missing = frozenset(i for i, record in enumerate(records) if key not in record)
        if missing:
            absent[key] = missing
        columns[key] = _column([record.get(key) for record in records])
    return pd.DataFrame(columns, index=pd.RangeIndex(len(records))), absent


_NON_ASCII_ESCAPE = re.compile(
    r"\\u(?:00[89a-fA-F][0-9a-fA-F]|007[fF]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-cA-CeEfF][0-9a-fA-F]{3})"
    r"|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _ascii_escaped(text: str) -> bool:
    """True when the JSON text escapes non-ASCII characters (``ensure_ascii``), not writes them."""
    return text.isascii() and _NON_ASCII_ESCAPE.search(text) is not None


def _json_layout(text: str, value: Any, ascii_only: bool) -> tuple[tuple[str, str], int | None]:
    """The separators and indent that re-create ``text`` from ``value`` (compact if none do)."""
    for indent in (None, 2, 4, 1):
        for separators in ((",", ":"), (", ", ": "), (",", ": ")):
            try:
                dumped = dumps(value, separators, ascii_only, indent)  # as the writer writes it
            except (TypeError, ValueError):
                return (",", ":"), None
            if dumped == text:
                return separators, indent
    return (",", ":"), None


def _loads(text: str, source: Path, where: str, hook: RepeatedKeys | None = None) -> Any:
    try:
        return json.loads(text, object_pairs_hook=hook)
    except json.JSONDecodeError as exc:
        from engine.json_hints import decode_error  # the line says what the file looks like, and the fix

        raise decode_error(exc, source, where) from None
    except RecursionError:
        raise DataError(f"{source}: JSON nested too deeply{where}") from None


def _is_array(line: str) -> bool:
    try:
        return isinstance(json.loads(line), list)
    except (ValueError, RecursionError):
        return False


def read_jsonl(path: Path, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    """One JSON object per line; blank lines are skipped."""
    newline, final_newline, bom = _text_layout(path, encoding)
    with path.open(encoding=encoding, newline="") as handle:
        text = handle.read()
    numbered = [(number, line[:-1] if line.endswith("\r") else line)  # not splitlines: U+2028 is data
                for number, line in enumerate(text.split("\n"), 1)]
    blank = len(numbered) - (not text or text.endswith("\n"))  # the empty piece after the last "\n"
    numbered = [(number, line) for number, line in numbered if line.strip()]
    blank -= len(numbered)
    first = numbered[0][1] if numbered else None
    if first is not None and first.lstrip().startswith("["):  # a .json file named .jsonl
        if len(numbered) > 1 and _is_array(first):  # a row per line without column names: .json will not read it
            raise DataError(f"{path}: line {numbered[0][0]} is a JSON array, not an object; textaudit reads one "
                            'object per line with named columns ({"text": ..., "label": ...})')
        raise DataError(f"{path}: holds a JSON array, not one JSON object per line; rename it to .json")
    repeats = RepeatedKeys()  # engine/json_keys.py: an object repeating a key is noted
    try:  # one parse of all lines is ~5x faster than one per line
        records = repeats.loads("[" + ",".join(line for _, line in numbered) + "]")
    except (json.JSONDecodeError, RecursionError):
        records = None
    if records is None or len(records) != len(numbered):  # find the bad line, or a line with two values
        repeats = RepeatedKeys()
        records = [_loads(line, path, f" on line {number}", repeats) for number, line in numbered]
    if not records:
        raise DataError(f"{path}: the file holds no JSON lines")
    frame, absent = _frame_from_records(records, path)
    nan = _real_nans({key: [r.get(key) for r in records] for key in frame.columns}) if "NaN" in text else {}
    ascii_only = _ascii_escaped(text)
    separators, _ = _json_layout(first or "", records[0], ascii_only)
    encoding, bom = _written_encoding(path, encoding, bom)
    style = SourceStyle(fmt="jsonl", header=tuple(frame.columns), newline=newline, final_newline=final_newline,
                        bom=bom, encoding=encoding, json_separators=separators, json_ascii=ascii_only,
                        absent=absent, nan=nan, notes=_blank_note(path, blank) + repeats.note(path.name, numbered))
    return frame, style


def _json_lines(text: str) -> bool:
    """True when the first two non-blank lines of ``text`` are each one JSON object."""
    lines = [line for line in text.split("\n", 64)[:64] if line.strip()][:2]
    try:
        return len(lines) == 2 and all(isinstance(json.loads(line), dict) for line in lines)
    except (ValueError, RecursionError):
        return False


def read_json(path: Path, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    """A JSON array of records, or an object of equal-length column lists."""
    newline, final_newline, bom = _text_layout(path, encoding, "")
    with path.open(encoding=encoding, newline="") as handle:
        text = handle.read()
    repeats = RepeatedKeys()  # engine/json_keys.py: an object repeating a key is noted
    try:
        value = repeats.loads(text)
    except (json.JSONDecodeError, RecursionError):
        if _json_lines(text):  # a .jsonl file named .json
            raise DataError(f"{path}: holds one JSON object per line (JSON Lines); rename it to .jsonl") from None
        value = _loads(text, path, "", repeats)
    orient, row_keys = "records", None
    if isinstance(value, list):
        frame, absent = _frame_from_records(value, path)
    elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        _other_pandas_orient(value, path)
        lengths = {len(v) for v in value.values()}
        if len(lengths) != 1:
            raise DataError(f"{path}: the column lists have different lengths ({sorted(lengths)})")
        frame, absent, orient = pd.DataFrame({k: _column(v) for k, v in value.items()}), {}, "columns"
    elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        frame, row_keys = _keyed_columns(value, path), tuple(next(iter(value.values())))
        absent, orient = {}, "columns"
    else:
        _other_pandas_orient(value, path)
        raise DataError(f"{path}: expected a JSON array of objects, an object of column lists, or an "
                        "object of columns keyed by row (pandas' to_json default)")
    if "NaN" not in text:
        nan = {}
    elif orient == "records":
        nan = _real_nans({key: [r.get(key) for r in value] for key in frame.columns})
    else:
        nan = _real_nans({key: list(v.values()) if isinstance(v, dict) else v for key, v in value.items()})
    ascii_only = _ascii_escaped(text)
    separators, indent = _json_layout(text.rstrip("\r\n").replace("\r\n", "\n"), value, ascii_only)
    encoding, bom = _written_encoding(path, encoding, bom)
    style = SourceStyle(fmt="json", header=tuple(frame.columns), newline=newline, final_newline=final_newline,
                        bom=bom, encoding=encoding, json_separators=separators, json_ascii=ascii_only,
                        json_indent=indent, json_orient=orient, json_row_keys=row_keys, absent=absent, nan=nan,
                        notes=repeats.note(path.name, columns=orient == "columns"))
    return frame, style


_SAVE_AS_RECORDS = "save it with to_json(path, orient='records') (or orient='records', lines=True as .jsonl)"


def _other_pandas_orient(value: Any, path: Path) -> None:
    """Refuse, naming it, a pandas ``to_json`` layout that is not a table of columns or records
    ('split', 'table', 'values'): read as columns they were a confusing error or wrong columns."""
    if isinstance(value, dict) and "data" in value and ("columns" in value or "schema" in value):
        orient = "table" if "schema" in value else "split"
        raise DataError(f"{path}: a pandas to_json(orient={orient!r}) file, which textaudit does not read; "
                        f"{_SAVE_AS_RECORDS}")


def _keyed_columns(value: dict[str, Any], path: Path) -> pd.DataFrame:
    """pandas' ``to_json`` default, ``{column: {row key: value}}``, as a frame (rows in the
    file's order). Its ``orient='index'`` twin, ``{row key: {column: value}}``, is refused by name."""
    inner = [list(v) for v in value.values()]
    keys = inner[0]
    if any(k != keys for k in inner[1:]):
        raise DataError(f"{path}: an object of objects whose inner keys differ; expected a JSON array of "
                        "objects, an object of column lists, or columns keyed by row (pandas' to_json default)")
    if all(k.isdigit() for k in value) and not all(k.isdigit() for k in keys):
        raise DataError(f"{path}: looks like pandas' to_json(orient='index') (rows keyed by row number), "
                        f"which textaudit does not read; {_SAVE_AS_RECORDS}")
    return pd.DataFrame({k: _column(list(v.values())) for k, v in value.items()}, index=pd.RangeIndex(len(keys)))


def repeated_names(names: list[str]) -> str | None:
    """'the column name 'label' repeats; ...' where ``names`` repeat one, else None."""
    repeated = sorted({name for name, count in Counter(names).items() if count > 1})
    if not repeated:
        return None
    return (f"the column name{'s' if len(repeated) > 1 else ''} {', '.join(map(repr, repeated))} "
            f"repeat{'' if len(repeated) > 1 else 's'}; give each column its own name")


def read_parquet(path: Path) -> tuple[pd.DataFrame, SourceStyle]:
    import pyarrow.parquet as pq

    from engine.parquet_layout import read_layout

    if problem := repeated_names(pq.read_schema(path).names):  # pyarrow said 'Multiple matches for
        raise DataError(f"{path}: {problem}")  # FieldRef.Name(label) in text: string'
    table = pq.read_table(path)
    frame = arrow_to_frame(table, str(path))
    features, notes = parquet_features(table, path.name)  # written by datasets: its ClassLabel names
    return frame, SourceStyle(fmt="parquet", header=tuple(frame.columns), schema=table.schema, nan=arrow_nans(table),
                              features=features, notes=notes, parquet=read_layout(path))


def read_saved(loaded: Any) -> tuple[pd.DataFrame, SourceStyle]:
    """A ``datasets.Dataset`` (already loaded from disk) as a frame with its features kept."""
    table = loaded.with_format("arrow")[:]
    frame = arrow_to_frame(table)
    return frame, SourceStyle(fmt="hf", header=tuple(frame.columns), schema=table.schema,
                              features=loaded.features, nan=arrow_nans(table))
