"""JSON Lines and JSON readers: records (or an object of column lists) into a frame whose dtypes keep
every value exactly, with the file's layout (spacing, escapes, line breaks) kept for a verbatim export and
a hint naming the shape and the fix where a file does not parse. Moved from engine/readers.py, which
keeps the CSV/TSV, Parquet and saved-dataset readers and the text layout both use.
"""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine import wide_header
from engine.errors import DataError
from engine.formats import SourceStyle
from engine.json_keys import RepeatedKeys
from engine.paths import shell_word
from engine.readers import blank_note, text_layout, written_encoding
from engine.write_cells import dumps

_INT64 = (-(1 << 63), (1 << 63) - 1)
_UINT64_MAX = (1 << 64) - 1


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
                    f"{SAVE_AS_RECORDS})") if isinstance(record, list) else ""
            kind = _JSON_KINDS.get(type(record).__name__, type(record).__name__)  # null, not NoneType
            raise DataError(f"{shell_word(str(source))}: record {number + 1} is a JSON {kind}, not an object{hint}")
        if known.issuperset(record):
            continue
        if not known:  # the first record's keys in its order (one index() per key: 50,000 keys took ~30 s)
            order, known = list(record), set(record)
            continue
        previous = None
        for key in record:
            if key not in known:
                order.insert(order.index(previous) + 1 if previous is not None else 0, key)
                known.add(key)
            previous = key
    if len(order) > wide_header.WIDE_COLUMNS and not any(isinstance(v, dict) for r in records for v in r.values()):
        wide_header.check_wide_names(order)  # a 50,000-key file's missing column: said before its columns are built
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


#: How many items of a JSON value's outer list (or of its first column) :func:`_head` keeps.
_HEAD_ITEMS = 100


def _head(value: Any) -> Any:
    """``value`` cut to its first :data:`_HEAD_ITEMS` records (an object's first column, cut so): its JSON text, in
    any layout, is the whole value's text up to where the cut closes its brackets."""
    if isinstance(value, list):
        return value[:_HEAD_ITEMS]
    if isinstance(value, dict) and value:
        key, first = next(iter(value.items()))
        if isinstance(first, list):
            first = first[:_HEAD_ITEMS]
        elif isinstance(first, dict):
            first = dict(islice(first.items(), _HEAD_ITEMS))
        return {key: first}
    return value


def _json_layout(text: str, value: Any, ascii_only: bool) -> tuple[tuple[str, str], int | None]:
    """The separators and indent that re-create ``text`` from ``value`` (compact if none do). A layout whose dump
    of :func:`_head` (its closing brackets left out) does not start ``text`` cannot re-create it: the whole value
    is dumped only for a layout that passes (pandas' to_json writes '/' as '\\/', which no layout re-creates:
    12 whole dumps took 23 s of a 41 MB file's 24 s read)."""
    head = _head(value)
    for indent in (None, 2, 4, 1):
        for separators in ((",", ":"), (", ", ": "), (",", ": ")):
            try:
                start = dumps(head, separators, ascii_only, indent).rstrip("]} \n")  # what any cut shares
            except (TypeError, ValueError):
                start = ""  # the whole dump says
            if not text.startswith(start):
                continue
            try:
                dumped = dumps(value, separators, ascii_only, indent)  # as the writer writes it
            except (TypeError, ValueError):
                return (",", ":"), None
            if dumped == text:
                return separators, indent
    return (",", ":"), None


def _loads(text: str, source: Path, where: str, hook: RepeatedKeys | None = None, ends_file: bool = True) -> Any:
    try:
        return json.loads(text, object_pairs_hook=hook)
    except json.JSONDecodeError as exc:
        from engine.json_hints import decode_error  # the line says what the file looks like, and the fix

        raise decode_error(exc, source, where, ends_file) from None
    except RecursionError:
        raise DataError(f"{shell_word(str(source))}: JSON nested too deeply{where}") from None


def _is_array(line: str) -> bool:
    try:
        return isinstance(json.loads(line), list)
    except (ValueError, RecursionError):
        return False


def read_jsonl(path: Path, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    """One JSON object per line; blank lines are skipped."""
    newline, final_newline, bom = text_layout(path, encoding)
    with path.open(encoding=encoding, newline="") as handle:
        text = handle.read()
    numbered = [(number, line[:-1] if line.endswith("\r") else line)  # not splitlines: U+2028 is data
                for number, line in enumerate(text.split("\n"), 1)]
    blank = len(numbered) - (not text or text.endswith("\n"))  # the empty piece after the last "\n"
    blank_lines = tuple(number for number, line in numbered if not line.strip())
    numbered = [(number, line) for number, line in numbered if line.strip()]
    blank -= len(numbered)
    first = numbered[0][1] if numbered else None
    if first is not None and first.lstrip().startswith("["):  # a .json file named .jsonl
        if len(numbered) > 1 and _is_array(first):  # a row per line without column names: .json will not read it
            raise DataError(f"{shell_word(str(path))}: line {numbered[0][0]} is a JSON array, not an object; textaudit reads one "
                            'object per line with named columns ({"text": ..., "label": ...})')
        raise DataError(f"{shell_word(str(path))}: holds a JSON array, not one JSON object per line; rename it to .json")
    repeats = RepeatedKeys()  # engine/json_keys.py: an object repeating a key is noted
    try:  # one parse of all lines is ~5x faster than one per line
        records = repeats.loads("[" + ",".join(line for _, line in numbered) + "]")
    except (json.JSONDecodeError, RecursionError):
        records = None
    if records is None or len(records) != len(numbered):  # find the bad line, or a line with two values
        repeats = RepeatedKeys()
        last = 0 if final_newline else text.count("\n") + 1  # the file's last line, without its break: cut?
        records = [_loads(line, path, f" on line {number}", repeats, number == last) for number, line in numbered]
    if not records:
        raise DataError(f"{shell_word(str(path))}: the file holds no JSON lines")
    frame, absent = _frame_from_records(records, path)
    nan = _real_nans({key: [r.get(key) for r in records] for key in frame.columns}) if "NaN" in text else {}
    ascii_only = _ascii_escaped(text)
    separators, _ = _json_layout(first or "", records[0], ascii_only)
    encoding, bom = written_encoding(path, encoding, bom)
    style = SourceStyle(fmt="jsonl", header=tuple(frame.columns), newline=newline, final_newline=final_newline,
                        bom=bom, encoding=encoding, json_separators=separators, json_ascii=ascii_only,
                        absent=absent, blank_lines=blank_lines, nan=nan,
                        notes=blank_note(path, blank) + repeats.note(path.name, numbered))
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
    newline, final_newline, bom = text_layout(path, encoding, "")
    with path.open(encoding=encoding, newline="") as handle:
        text = handle.read()
    repeats = RepeatedKeys()  # engine/json_keys.py: an object repeating a key is noted
    try:
        value = repeats.loads(text)
    except (json.JSONDecodeError, RecursionError):
        if _json_lines(text):  # a .jsonl file named .json
            raise DataError(f"{shell_word(str(path))}: holds one JSON object per line (JSON Lines); rename it to .jsonl") from None
        value = _loads(text, path, "", repeats)
    orient, row_keys = "records", None
    if isinstance(value, list):
        frame, absent = _frame_from_records(value, path)
    elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        _other_pandas_orient(value, path)
        if all(v and all(isinstance(r, dict) for r in v) for v in value.values()):  # no column of texts: arrays of
            # records under keys ({"train": [{...}], "test": [...]}): 'the column lists have different lengths
            # ([20, 40])', or with one key 'flatten them first (pandas.json_normalize)' (hostile43)
            raise DataError(f"{shell_word(str(path))}: expected a JSON array of objects, not an object holding such "
                            f"arrays{_wrapped_records(value, path)}")
        lengths = {len(v) for v in value.values()}
        if len(lengths) != 1:
            raise DataError(f"{shell_word(str(path))}: the column lists have different lengths ({sorted(lengths)})")
        frame, absent, orient = pd.DataFrame({k: _column(v) for k, v in value.items()}), {}, "columns"
    elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        frame, row_keys = _keyed_columns(value, path), tuple(next(iter(value.values())))
        absent, orient = {}, "columns"
    else:
        _other_pandas_orient(value, path)
        raise DataError(f"{shell_word(str(path))}: expected a JSON array of objects, an object of column lists, or an "
                        f"object of columns keyed by row (pandas' to_json default){_wrapped_records(value, path)}")
    if row_keys is None:  # the load's column check before the layout's dumps (a keyed object: load says it first)
        wide_header.check_read_frame(frame)
    if "NaN" not in text:
        nan = {}
    elif orient == "records":
        nan = _real_nans({key: [r.get(key) for r in value] for key in frame.columns})
    else:
        nan = _real_nans({key: list(v.values()) if isinstance(v, dict) else v for key, v in value.items()})
    ascii_only = _ascii_escaped(text)
    separators, indent = _json_layout(text.rstrip("\r\n").replace("\r\n", "\n"), value, ascii_only)
    encoding, bom = written_encoding(path, encoding, bom)
    style = SourceStyle(fmt="json", header=tuple(frame.columns), newline=newline, final_newline=final_newline,
                        bom=bom, encoding=encoding, json_separators=separators, json_ascii=ascii_only,
                        json_indent=indent, json_orient=orient, json_row_keys=row_keys, absent=absent, nan=nan,
                        notes=repeats.note(path.name, columns=orient == "columns"))
    return frame, style


SAVE_AS_RECORDS = "save it with to_json(path, orient='records') (or orient='records', lines=True as .jsonl)"


def _wrapped_records(value: Any, path: Path) -> str:
    """A '; ...' tail where an object holds the records under one of its keys (``{"version": 1, "data":
    [{...}, ...]}``, as SQuAD and many APIs write): the generic line did not say where they are (hostile30)."""
    keys = [k for k, v in value.items() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)] \
        if isinstance(value, dict) else []
    if not keys or (len(keys) > 1 and len(keys) < len(value)):
        return ""
    from engine.paths import unpacked_name

    name, key = json.dumps(str(path)), json.dumps(keys[0])
    out = json.dumps(unpacked_name(path, ".json", "records", "records"))  # it wrote over a records.json there (diff39)
    code = f'import json; json.dump(json.load(open({name}))[{key}], open({out}, "w"))'
    if _has_big_int(value[keys[0]]):  # the user's Python refuses an int of over 4,300 digits (bigint40): lift it
        code = 'import json, sys; getattr(sys, "set_int_max_str_digits", int)(0); ' + code.removeprefix("import json; ")
    if len(keys) > 1:  # every key an array of records: splits, as {"train": [...], "test": [...]}
        arrays = ", ".join(f"{k!r} ({len(value[k]):,})" for k in keys[:4]) + (", ..." if len(keys) > 4 else "")
        return (f"; its keys {arrays} each hold an array of objects (splits?): save the one to audit alone as the "
                f"file (python -c {shell_word(code)})")
    return (f"; its key {keys[0]!r} holds an array of {len(value[keys[0]]):,} objects: save that array alone as "
            f"the file (python -c {shell_word(code)})")


#: The smallest integer Python's default limit refuses to convert to or from text (4,301 digits).
_DIGITS_LIMIT = 10 ** 4300


def _has_big_int(value: Any) -> bool:
    """True where ``value`` holds an integer of over 4,300 digits, which a Python of 3.11+ (and 3.7-3.10's
    security releases) will neither read from JSON nor write back without ``sys.set_int_max_str_digits(0)``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is int and not -_DIGITS_LIMIT < item < _DIGITS_LIMIT:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _other_pandas_orient(value: Any, path: Path) -> None:
    """Refuse, naming it, a pandas ``to_json`` layout that is not a table of columns or records
    ('split', 'table', 'values'): read as columns they were a confusing error or wrong columns."""
    if isinstance(value, dict) and "data" in value and ("columns" in value or "schema" in value):
        orient = "table" if "schema" in value else "split"
        raise DataError(f"{shell_word(str(path))}: a pandas to_json(orient={orient!r}) file, which textaudit does not read; "
                        f"{SAVE_AS_RECORDS}")


def _keyed_columns(value: dict[str, Any], path: Path) -> pd.DataFrame:
    """pandas' ``to_json`` default, ``{column: {row key: value}}``, as a frame (rows in the
    file's order). Its ``orient='index'`` twin, ``{row key: {column: value}}``, is refused by name."""
    inner = [list(v) for v in value.values()]
    keys = inner[0]
    if any(k != keys for k in inner[1:]):
        names = list(value)
        other = next(i for i, k in enumerate(inner) if k != keys)
        if len(inner[other]) == len(keys) and set(inner[other]) == set(keys):  # it said 'keys differ': they did not
            raise DataError(f"{shell_word(str(path))}: columns keyed by row (pandas' to_json default), but column {names[other]!r} "
                            f"lists the same row keys in another order than column {names[0]!r}; textaudit reads "
                            f"each column in the file's order, so {SAVE_AS_RECORDS}")
        raise DataError(f"{shell_word(str(path))}: an object of objects whose inner keys differ; expected a JSON array of "
                        "objects, an object of column lists, or columns keyed by row (pandas' to_json default)")
    if all(k.isdigit() for k in value) and not all(k.isdigit() for k in keys):
        raise DataError(f"{shell_word(str(path))}: looks like pandas' to_json(orient='index') (rows keyed by row number), "
                        f"which textaudit does not read; {SAVE_AS_RECORDS}")
    return pd.DataFrame({k: _column(list(v.values())) for k, v in value.items()}, index=pd.RangeIndex(len(keys)))
