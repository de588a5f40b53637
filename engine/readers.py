"""Read a data file into a DataFrame exactly, and note how it was written (``SourceStyle``).

Exactly means: CSV/TSV cells are read as strings (nothing is guessed), the header is kept as
spelled (repeated or empty names too), TSV has no quoting (a leading ``"`` is data), JSON numbers
keep every digit (the ``json`` module, not pandas' fast parser; integers of any size), and
Parquet keeps nullable integer and boolean columns nullable instead of turning them into floats.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from engine.arrow_frame import arrow_nans, arrow_to_frame
from engine.errors import DataError
from engine.formats import SourceStyle
from engine.hf_parquet import parquet_features
from engine.paths import shell_word
from engine.tsv_quoting import check_tsv_quoting

_HEAD_BYTES = 1 << 16


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


def blank_note(path: Path, blank: int) -> tuple[str, ...]:
    """The note that ``blank`` blank lines were skipped (an export leaves them out)."""
    if not blank:
        return ()
    lines = "1 blank line is not a row" if blank == 1 else f"{blank:,} blank lines are not rows"
    return (f"{shell_word(path.name)}: {lines}; an export leaves them out",)


def text_layout(path: Path, encoding: str, spaces: str = " \t") -> tuple[str, bool, bool]:
    """(newline, ends with a newline, has a UTF-8 BOM) from the file's bytes; a last line of
    ``spaces`` without a line break is a blank line, left out: the line before it ends the file."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read().rstrip(spaces.encode())
    bom = head.startswith(codecs.BOM_UTF8) and codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    if _decoded_lines(encoding):
        return _widetext_layout(path, encoding, spaces)
    lf = head.find(b"\n")
    if lf == -1:  # no line break in the head (one long line): the file's end tells
        newline = "\r\n" if tail.endswith(b"\r\n") else "\r" if tail.endswith(b"\r") or b"\r" in head else "\n"
    else:
        newline = "\r\n" if lf > 0 and head[lf - 1:lf] == b"\r" else "\n"
    return newline, tail.endswith((b"\n", b"\r")), bom


def written_encoding(path: Path, encoding: str, bom: bool) -> tuple[str, bool]:
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


def _widetext_layout(path: Path, encoding: str, spaces: str) -> tuple[str, bool, bool]:
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
    if _garbled(header):  # random bytes read by a single-byte --encoding: 'rename it to .tsv' (review33)
        return f"looks like a binary file, not {kind} text"
    sep = max(found, key=header.count)
    fix = {("csv", "\t"): "rename it to .tsv", ("tsv", ","): "rename it to .csv"}.get(
        (kind, sep), "save it with commas (.csv) or tabs (.tsv)")
    return (f"the header {header[:60]!r} is one column: the file seems separated by {_SEPARATORS[sep]}, "
            f"but .{kind} is read as separated by {_SEPARATORS[own]}; {fix}")


def _garbled(header: str) -> bool:
    """A header mostly of characters no text holds (engine/source_checks._mostly_not_text), one of them a C0
    control or undecodable: not a header of Windows quotes read as Latin-1 (C1 characters alone)."""
    from engine.source_checks import _mostly_not_text

    return _mostly_not_text(header) and any(c == "\ufffd" or ord(c) < 32 and c not in "\t\r\n\f\v" for c in header)


def _header_line(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as handle:
        return handle.readline(_HEAD_BYTES).rstrip("\r\n")


def read_delimited(path: Path, kind: str, encoding: str) -> tuple[pd.DataFrame, SourceStyle]:
    """CSV (RFC 4180 quoting) or TSV (no quoting at all); every cell a string, empty = missing."""
    newline, final_newline, bom = text_layout(path, encoding, " \t" if kind == "csv" else " ")
    quoting_notes = check_tsv_quoting(path, encoding) if kind == "tsv" else ()  # engine/tsv_quoting.py
    options = dict(sep="," if kind == "csv" else "\t", header=None, encoding=encoding, dtype=str,
                   keep_default_na=False, na_values=[""],
                   quoting=csv.QUOTE_MINIMAL if kind == "csv" else csv.QUOTE_NONE)
    from engine.wide_header import check_wide_header

    check_wide_header(path, kind, encoding)  # a 50,000-column header's missing column: said before the read
    try:
        raw = pd.read_csv(path, **options)
    except pd.errors.ParserError:  # ragged rows: a file split by another separator says so
        problem = separator_problem(_header_line(path, encoding), kind)
        if problem:
            raise DataError(f"{shell_word(str(path))}: {problem}") from None
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
    notes = blank_note(path, blank) + quoting_notes
    if kind == "csv":  # '"He said \\"hi\\" to me"' read as 'He said \\hi\\" to me"' with no word (hostile43)
        from engine.csv_lines import backslash_quote_note

        notes += backslash_quote_note(path, encoding, _decoded_lines(encoding))
    encoding, bom = written_encoding(path, encoding, bom)
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
        raise DataError(f"{shell_word(str(path))}: {problem}")
    counted = blank_lines(text, kind, shape[0])
    if counted is not None:
        return counted
    # odd quoting: pandas tells a blank line from a line break in a quoted cell (given the column
    # count: a blank first line would give none, "No columns to parse")
    return len(pd.read_csv(path, skip_blank_lines=False, names=range(shape[1]), **options)) - shape[0]


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
    from engine.paths import arrow_file
    from engine.wide_header import check_wide_names

    with arrow_file(path) as source:
        if problem := repeated_names((schema := pq.read_schema(source)).names):  # pyarrow said 'Multiple matches
            raise DataError(f"{shell_word(str(path))}: {problem}")  # for FieldRef.Name(label) in text: string'
        index = (schema.pandas_metadata or {}).get("index_columns", ())  # a stored index is no column of the frame
        if not any(isinstance(c, str) for c in index):
            check_wide_names(schema.names)  # a 50,000-column file's missing column: said before the read
        table = pq.read_table(source)
    frame = arrow_to_frame(table, str(path))
    features, notes = parquet_features(table, shell_word(path.name))  # written by datasets: its ClassLabel names
    return frame, SourceStyle(fmt="parquet", header=tuple(frame.columns), schema=table.schema, nan=arrow_nans(table),
                              features=features, notes=notes, parquet=read_layout(path))


def read_saved(loaded: Any) -> tuple[pd.DataFrame, SourceStyle]:
    """A ``datasets.Dataset`` (already loaded from disk) as a frame with its features kept."""
    table = loaded.with_format("arrow")[:]
    frame = arrow_to_frame(table)
    return frame, SourceStyle(fmt="hf", header=tuple(frame.columns), schema=table.schema,
                              features=loaded.features, nan=arrow_nans(table))
