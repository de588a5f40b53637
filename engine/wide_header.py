"""A very wide table's column error from its header alone, before pandas reads the whole file.

pandas builds every column of a table before any column is looked at: a 50,000-column CSV of 20 rows took
~40 s to say "no text column 'text'" (review38). :func:`refusing_on_header` lets engine/load.py hand the
reader (engine/readers.read_delimited; read_parquet and engine/json_readers by :func:`check_wide_names`) its
column check; a header of more than :data:`WIDE_COLUMNS` names is checked on its own first, on a frame of no rows, where the answer rests on the names alone (no column
is a candidate of the text/label guess, which reads values). The check raises the load's own line or
returns, and the file is read as before.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd

#: A header wider than this is checked before the read (below it the whole read takes well under a second).
WIDE_COLUMNS = 1_000

_CHECK: ContextVar[Callable[[pd.DataFrame], None] | None] = ContextVar("textaudit_header_check", default=None)


@contextmanager
def refusing_on_header(check: Callable[[pd.DataFrame], None]) -> Iterator[None]:
    """While inside, a wide CSV/TSV header is given to ``check`` (as a frame of no rows) before the read."""
    token = _CHECK.set(check)
    try:
        yield
    finally:
        _CHECK.reset(token)


def check_read_frame(frame: pd.DataFrame) -> None:
    """Give a frame a reader has built, before its costly remainder (a JSON file's layout: 12 dumps of the whole
    value, 96% of a 41 MB file's 24 s read), to the check set by :func:`refusing_on_header`: the load's own column
    check on the same frame, so a refusal is the line the load says after the read, said sooner."""
    if (check := _CHECK.get()) is not None and len(frame.columns):
        check(frame)


def first_records(path: Path, kind: str, encoding: str, rows: int = 0) -> list[list[str]] | None:
    """The first record (the header) and up to ``rows`` more as read_delimited reads them (blank lines skipped),
    or None where the csv module cannot tell (a decode error, a field over its size limit): the read then says
    what is wrong."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        encoding = "utf-8-sig"
    quoting = csv.QUOTE_MINIMAL if kind == "csv" else csv.QUOTE_NONE
    try:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter="," if kind == "csv" else "\t", quoting=quoting)
            return list(islice((row for row in reader if row), rows + 1))
    except (OSError, UnicodeError, LookupError, csv.Error):
        return None


def header_names(path: Path, kind: str, encoding: str) -> list[str] | None:
    """The first record's fields (see :func:`first_records`), or None."""
    records = first_records(path, kind, encoding)
    return records[0] if records else None


def check_wide_header(path: Path, kind: str, encoding: str) -> None:
    """Give a header of more than :data:`WIDE_COLUMNS` names to the check set by :func:`refusing_on_header`."""
    from engine.readers import unique_names

    header = header_names(path, kind, encoding) if _CHECK.get() is not None else None
    if header is None or len(header) <= WIDE_COLUMNS:
        return
    if header[0].lstrip().startswith(("{", "[")):
        return  # JSON saved as .csv: the read says so
    check_wide_names(unique_names(header))


def check_wide_names(names: list[str]) -> None:
    """Give a table's column names (a JSON file's keys, a Parquet schema's names), more than :data:`WIDE_COLUMNS`
    of them, to the check set by :func:`refusing_on_header`, as a frame of no rows: the reader calls it before it
    builds the frame (a 50,000-key JSONL took 37 s CPU, a 50,000-column Parquet 10 s, to say the same line)."""
    from engine.column_guess import LABEL_NAMES, LABEL_WORDS, TEXT_NAMES, TEXT_WORDS, _name_fits

    check = _CHECK.get()
    if check is None or len(names) <= WIDE_COLUMNS or any("\0" in name for name in names):
        return  # a NUL: a binary file, the read says so
    if any(_name_fits(name, TEXT_NAMES, TEXT_WORDS) or _name_fits(name, LABEL_NAMES, LABEL_WORDS)
           for name in names if name not in ("text", "label")):
        return  # the guess reads that column's values
    check(pd.DataFrame(np.empty((0, len(names)), dtype=object), columns=names))
