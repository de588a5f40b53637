"""Write a DataFrame as CSV, TSV, JSONL, JSON, Parquet or a saved ``datasets`` folder, exactly
(Parquet and ``datasets`` in engine/write_arrow.py).

Every file goes through :mod:`engine.atomic`. Given the input's :class:`SourceStyle`, a file in
the same format comes back the way it was written: the header as spelled, the line ending, the
BOM, CSV quote-all or minimal quoting, JSON separators and indent, the Arrow schema. Fields that
need quoting are always quoted (a lone ``\\r`` too), JSON numbers keep every digit and a lone
surrogate is written as its ``\\udXXX`` escape. Formula-looking cells (``=``, ``+``, ``-``, ``@``)
are data and are written exactly as they are.
"""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine import atomic
from engine.byte_spelling import spelling_encoder
from engine.errors import DataError
from engine.formats import SourceStyle
from engine.write_arrow import write_hf, write_parquet
from engine.write_cells import Notes as _Notes, cell_renderer as _cell_renderer, cell_text as _cell_text
from engine.write_cells import dumps as _dumps, json_encoder as _json_encoder, jsonable as _jsonable
from engine.write_cells import missing as _missing

_CHUNK_ROWS = 20_000


def _columns(frame: pd.DataFrame) -> list[list[Any]]:
    return [_values(frame.iloc[:, i]) for i in range(frame.shape[1])]


_NARROW_FLOATS = ("float32", "float16", "Float32")  # written at their own width's shortest decimal


def _values(series: pd.Series) -> list[Any]:
    """A column's cells as Python values. A float32 / float16 cell becomes the shortest decimal
    that reads back as the same value at its width (numpy's repr, as pandas writes it: 0.1), not
    the expansion of its double (0.10000000149011612, which marked every row of a Parquet -> CSV
    export as changed)."""
    values = series.tolist()
    if str(series.dtype) not in _NARROW_FLOATS:
        return values
    narrow = series.to_numpy(dtype=str(series.dtype).lower(), na_value=np.nan)
    return [v if _missing(v) else float(str(x)) for v, x in zip(values, narrow)]


def _names(frame: pd.DataFrame, style: SourceStyle | None, delimited: bool) -> list[str]:
    """Header names: as the input spelled them for CSV/TSV; the frame's unique names otherwise."""
    if delimited and style is not None and len(style.header) == frame.shape[1]:
        return list(style.header)
    return [str(c) for c in frame.columns]


_NEEDS_QUOTES = re.compile('[,"\r\n]')
_TSV_BREAKS = re.compile("[\t\r\n]")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _delimited_column(values: list[Any], name: str, fmt: str, quote_all: bool, notes: _Notes,
                      start: int = 0, rows: Sequence[int] | None = None) -> list[str]:
    """One column's cells as CSV/TSV fields (quoted where needed); ``rows``: the data row each
    table row came from (a TSV refusal names that one, as the app and the journal number rows)."""
    texts = [v if v.__class__ is str else _cell_text(v, name, notes) for v in values]
    if fmt == "tsv":
        bad = next((i for i, t in enumerate(texts) if _TSV_BREAKS.search(t)), None)
        if bad is not None:
            where = ("the header" if start < 0 else f"row {start + bad} of the table (counted from 0)" if rows is None
                     else f"row {rows[start + bad]} of the data (counted from 0)")
            raise DataError(f"cannot write TSV: {where}, column {name!r} holds a tab or line break "
                            "(TSV has no quoting); export as .csv, .jsonl or .parquet")
        return texts
    if quote_all:
        return [_quoted(t) for t in texts]
    search = _NEEDS_QUOTES.search
    return [_quoted(t) if search(t) else t for t in texts]


def _delimited_lines(frame: pd.DataFrame, fmt: str, style: SourceStyle | None, notes: _Notes,
                     rows: Sequence[int] | None = None) -> Iterator[list[str]]:
    sep = "," if fmt == "csv" else "\t"
    quote_all = bool(style and style.fmt == "csv" and style.quote_all and fmt == "csv")
    names = [str(c) for c in frame.columns]
    header = _names(frame, style, True)
    yield [sep.join(_delimited_column([h], h, fmt, quote_all, notes, -1)[0] for h in header)]
    for start in range(0, len(frame), _CHUNK_ROWS):
        part = frame.iloc[start:start + _CHUNK_ROWS]
        columns = [_delimited_column(_values(part.iloc[:, c]), names[c], fmt, quote_all, notes, start, rows)
                   for c in range(part.shape[1])]
        yield [sep.join(cells) for cells in zip(*columns)]


def _json_column(values: list[Any], name: str, notes: _Notes) -> list[Any]:
    simple = (str, int, bool)
    return [v if v.__class__ in simple else _jsonable(v, name, notes) for v in values]


def _with_nans(values: list[Any], name: str, rows: Sequence[int], style: SourceStyle) -> list[Any]:
    """``values`` (output rows from input ``rows``) with a float NaN again where the input held
    NaN, not null (JSON ``NaN``): a missing value is written as null otherwise."""
    nan = style.nan.get(name)
    if not nan:
        return values
    return [float("nan") if v is None and row in nan else v for v, row in zip(values, rows)]


def _json_records(frame: pd.DataFrame, rows: Sequence[int] | None, style: SourceStyle | None,
                  notes: _Notes) -> Iterator[dict[str, Any]]:
    names = _names(frame, style, False)
    absent = {names.index(k): v for k, v in (style.absent if style else {}).items() if k in names}
    for start in range(0, len(frame), _CHUNK_ROWS):
        part = frame.iloc[start:start + _CHUNK_ROWS]
        columns = [_json_column(_values(part.iloc[:, c]), names[c], notes) for c in range(part.shape[1])]
        if style is not None and style.nan and style.fmt in ("jsonl", "json"):  # JSON NaN from JSON only
            at = rows[start:start + len(part)] if rows is not None else range(start, start + len(part))
            columns = [_with_nans(column, names[c], at, style) for c, column in enumerate(columns)]
        if not absent:
            for values in zip(*columns):
                yield dict(zip(names, values))
            continue
        for offset, values in enumerate(zip(*columns)):
            source_row = rows[start + offset] if rows is not None else start + offset
            yield {names[c]: v for c, v in enumerate(values) if not (c in absent and source_row in absent[c])}


def _text_settings(fmt: str, style: SourceStyle | None) -> tuple[str, bool, bool, str]:
    """(newline, final newline, BOM, encoding) for a text output."""
    if style is None or style.fmt not in ("csv", "tsv", "jsonl", "json"):
        return "\n", True, False, "utf-8"
    # JSON Lines splits at LF only: the lone-CR line breaks of a CSV or .json (classic Mac OS) made one line
    # of every record, which no reader (textaudit's own included) takes
    newline = "\n" if fmt == "jsonl" and "\n" not in style.newline else style.newline
    if fmt in ("jsonl", "json") and style.fmt not in ("jsonl", "json"):
        # JSON from a CSV: UTF-8 and no BOM (RFC 8259); an Excel CSV's BOM made the first line unreadable
        # to json.loads and pandas.read_json(lines=True). A JSON file keeps its own encoding and BOM.
        return newline, style.final_newline, False, "utf-8"
    encoding = style.encoding
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        encoding = "utf-8"  # the BOM is written on its own
    return newline, style.final_newline, style.bom, encoding


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler for JSON text: a character the file's encoding cannot hold (a euro
    sign in latin-1) as its ``\\uXXXX`` escape, which every JSON reader reads back as that
    character (JSON text outside strings is ASCII, so it is always inside a string)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error("textaudit-json-escape", _json_escape)


_BOMS = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}


class CellEncodeError(DataError):
    """A cell the output's text encoding (the input's, for a CSV/TSV/JSON export) cannot hold."""


def _encode(text: str, encoding: str, encoder: Any) -> bytes:
    """``text`` through one incremental encoder per file (``encoder``: its ``encode``): a UTF-16/32 BOM
    is written once, not per chunk."""
    try:
        return encoder(text)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        what = "a lone surrogate" if 0xD800 <= ord(char) <= 0xDFFF else f"{char!r}"
        where = ".jsonl or .json (they keep it as an escape)" if what == "a lone surrogate" else \
            ".jsonl, .json (they keep it as an escape) or .parquet (UTF-8)"
        raise CellEncodeError(f"a cell holds {what}, which {encoding} cannot encode; "
                              f"export as {where}") from None


def _write_text(frame: pd.DataFrame, output: Path, fmt: str, style: SourceStyle | None,
                rows: Sequence[int] | None, notes: _Notes, replace_symlink: bool,
                verbatim: tuple[Any, Any] | None = None, spellings: dict[str, bytes] | None = None) -> None:
    newline, final_newline, bom, encoding = _text_settings(fmt, style)
    same = style is not None and style.fmt == fmt
    if fmt in ("csv", "tsv"):
        chunks: Iterator[list[str]] = _delimited_lines(frame, fmt, style, notes, rows)
    elif fmt == "jsonl":
        separators, ascii_only = (style.json_separators, style.json_ascii) if same else ((",", ":"), False)
        records = _json_records(frame, rows, style, notes)
        encoder = _json_encoder(ascii_only, separators)  # surrogates escaped, infinities as 1e400
        chunks = ([encoder(r) for r in batch]
                  for batch in iter(lambda: list(itertools.islice(records, _CHUNK_ROWS)), []))
    else:
        separators, ascii_only, indent = ((style.json_separators, style.json_ascii, style.json_indent)
                                          if same else ((",", ":"), False, None))
        if same and style.json_orient == "columns":
            names = _names(frame, style, False)
            keys, at = style.json_row_keys, list(rows) if rows is not None else list(range(len(frame)))
            columns = [_with_nans([_jsonable(v, n, notes) for v in col], n, at, style)
                       for n, col in zip(names, _columns(frame))]
            if keys is not None and len(keys) > max(at, default=-1):  # pandas' default: keyed by row
                value: Any = {n: dict(zip([keys[r] for r in at], col)) for n, col in zip(names, columns)}
            else:
                value = dict(zip(names, columns))
            if verbatim is not None and rows is not None and type(verbatim[0]).__name__ == "SourceColumns":
                from engine.verbatim_columns import json_columns_text  # the file's own spelling, cell by cell

                text = json_columns_text(verbatim[0], names, columns, rows, _cell_renderer(ascii_only))
                if text is not None:
                    value, verbatim, final_newline = None, None, False
                    chunks = iter([[text]])
        else:
            value = list(_json_records(frame, rows, style, notes))
        if value is None:
            pass  # written cell by cell above
        elif verbatim is not None and same and rows is not None and value and style.json_orient == "records":
            from engine.verbatim import json_array_text  # the file's own spelling, record by record

            text = json_array_text(verbatim[0], [_dumps(r, (",", ":"), ascii_only, None) for r in value], rows,
                                   verbatim[1])
            chunks, verbatim = iter([[text]]), None
            final_newline = False  # the text after the last record is the file's own
        else:
            text = _dumps(value, separators, ascii_only, indent)
            chunks = iter([[text.replace("\n", newline) if newline != "\n" else text]])
    ended = verbatim is not None and same and rows is not None and fmt in ("csv", "tsv", "jsonl")
    if ended:  # lines come with their own endings, as the input's records had them
        from engine.verbatim import keep_source_text

        chunks = keep_source_text(chunks, verbatim[0], rows, fmt, verbatim[1], newline, final_newline)
    byte_encoder = codecs.getincrementalencoder(encoding)(
        "textaudit-json-escape" if fmt in ("jsonl", "json") else "strict")
    encode = spelling_encoder(spellings if same else None, byte_encoder.encode)  # the input's own bytes per character
    with atomic.atomic_open(output, "wb", replace_symlink=replace_symlink) as handle:
        if bom:  # UTF-8's, or a big-endian UTF-16/32 file's
            handle.write(_BOMS.get(codecs.lookup(encoding).name, codecs.BOM_UTF8))
        first = True
        for lines in chunks:
            if not lines:
                continue
            if ended:
                handle.write(_encode("".join(lines), encoding, encode))
                continue
            body = newline.join(lines)
            handle.write(_encode(body if first else newline + body, encoding, encode))
            first = False
        if final_newline and not ended and not first:  # no JSONL record at all: an empty file
            handle.write(_encode(newline, encoding, encode))
        handle.write(byte_encoder.encode("", final=True))


def write_table(frame: pd.DataFrame, output: Path, fmt: str, style: SourceStyle | None = None, *,
                rows: Sequence[int] | None = None, replace_symlink: bool = False,
                verbatim: tuple[Any, Any] | None = None, spellings: dict[str, bytes] | None = None) -> list[str]:
    """Write ``frame`` to ``output`` as ``fmt`` atomically; return warnings (one line each).

    ``style`` is the input's; ``rows`` the input row each output row came from (to leave out
    JSON keys the input did not have). ``verbatim``: the input's records and its label column
    (CSV: position, JSONL: key): rows holding the same values are written as the input spelled
    them (engine/verbatim.py). ``spellings``: characters the input file spells with other bytes than its
    codec writes (engine/byte_spelling.py), written so in its own format.
    """
    notes = _Notes()
    if fmt not in ("csv", "tsv") and style is not None and style.header and tuple(style.header) != tuple(frame.columns):
        frame = _header_names(frame, style.header, fmt, notes)
    if fmt == "parquet":
        write_parquet(frame, output, style, notes, replace_symlink, rows)
    elif fmt == "hf":
        write_hf(frame, output, style, notes, replace_symlink, rows)
    else:
        _write_text(frame, output, fmt, style, rows, notes, replace_symlink, verbatim, spellings)
    return notes.lines


def _header_names(frame: pd.DataFrame, header: Sequence[str], fmt: str, notes: _Notes) -> pd.DataFrame:
    """``frame`` with the CSV header's own names where ``fmt`` holds them: an empty name (read as
    'Unnamed: i') is a JSON key and an Arrow field like any; a name the header repeats cannot be two
    keys or fields, so its first column keeps it and the others the frame's ('text.1', 'Unnamed: 3'),
    said in a note."""
    names, renamed = [str(c) for c in frame.columns], []
    for i, (before, after) in enumerate(zip(header, list(names))):
        if before == after:
            continue
        if header.index(before) == i and before not in names:  # ',,': the first empty one stays ''
            # (as 'text,text' keeps its first 'text'), the second is written as 'Unnamed: 3'
            names[i] = before
        else:
            renamed.append(f"{before!r} as {after!r}")
    if renamed:
        notes.add(f"the input's header repeats a column name, which {fmt} cannot hold twice: "
                  f"wrote {', '.join(renamed[:3])}{', ...' if len(renamed) > 3 else ''}")
    return frame.set_axis(names, axis=1) if names != [str(c) for c in frame.columns] else frame


def layout_only(style: SourceStyle | None) -> SourceStyle | None:
    """The input's text layout (line ending, BOM, quoting) for a table with other columns."""
    if style is None:
        return None
    return dataclasses.replace(style, header=(), absent={}, nan={}, schema=None, features=None, json_orient="records")
