"""The one table of file formats: which suffix means which format, and who can write it.

``load``, ``export``, ``paths``, the CLI's ``--issues-out`` and the TUI's export dialog all ask
here, so a format is added (or a suffix spelled) in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: File suffix -> format name, for reading and writing.
SUFFIX_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: The suffix each format is written with by default.
DEFAULT_SUFFIX: dict[str, str] = {
    "csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "json": ".json", "parquet": ".parquet",
}
#: Formats that are text (a line ending, an encoding, quoting).
TEXT_FORMATS = ("csv", "tsv", "jsonl", "json")
#: Single-file formats textaudit reads and writes.
FILE_FORMATS = tuple(DEFAULT_SUFFIX)
#: Everything ``export`` can write: the file formats and a saved ``datasets`` folder.
EXPORT_FORMATS = (*FILE_FORMATS, "hf")
#: Files that mark a folder written by ``datasets.save_to_disk``.
SAVED_DATASET_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")


def format_of(path: Path | str) -> str | None:
    """The format a file name's suffix names, or None."""
    return SUFFIX_FORMATS.get(Path(str(path)).suffix.lower())


def known_suffixes() -> str:
    """``.csv, .json, ...`` for error messages."""
    return ", ".join(sorted(SUFFIX_FORMATS))


def folder_slash_problem(value: str, fmt: str, option: str) -> str | None:
    """Why a file output typed as a folder (``-o out.parquet/``, ``--issues-out new.csv/.``) is
    refused, or None. pathlib drops the trailing slash, so a *file* ``out.parquet`` was written
    where the shell (``> x/``) says "Is a directory"."""
    if fmt == "hf" or not value or os.path.basename(value) not in ("", "."):
        return None
    name = os.path.normpath(value)
    if os.path.isdir(os.path.expanduser(name)):  # 'give the file name (sub)' named the folder: refused next as one
        suffix = fmt if fmt in EXPORT_FORMATS and fmt != "hf" else "csv"  # (review35)
        return (f"{option} {value} is a folder, but a {fmt} output is a file; give a file name in it "
                f"(e.g. {os.path.join(name, 'NAME.' + suffix)})")
    return f"{option} {value} ends in a folder separator, but a {fmt} output is a file; give the file name ({name})"


def strip_data_suffix(name: str) -> str:
    """``train.csv`` -> ``train``; a name without a known suffix is returned as is."""
    suffix = Path(name).suffix
    if suffix.lower() in SUFFIX_FORMATS:
        return name[: -len(suffix)]
    return name


def is_saved_dataset(folder: Path) -> bool:
    """True for a folder ``datasets.save_to_disk`` wrote."""
    return any((folder / marker).exists() for marker in SAVED_DATASET_MARKERS)


@dataclass(frozen=True)
class SourceStyle:
    """How the input file was written, so an export in the same format writes it the same way.

    ``header`` holds the column names exactly as the file spelled them (a CSV header may repeat
    a name or leave one empty; the frame's own names are made unique). ``schema`` is the input's
    Arrow schema (Parquet, saved datasets), ``features`` its ``datasets`` features.
    """

    fmt: str
    header: tuple[str, ...] = ()
    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False
    encoding: str = "utf-8"
    quote_all: bool = False
    json_separators: tuple[str, str] = (",", ":")
    json_ascii: bool = False
    json_indent: int | None = None
    json_orient: str = "records"
    #: A JSON object of columns keyed by row (pandas' ``to_json`` default): each row's key.
    json_row_keys: tuple[str, ...] | None = None
    schema: Any = None
    features: Any = None
    absent: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Rows whose value is a real NaN (JSON ``NaN``, an Arrow float NaN), per column: the frame
    #: holds NaN for a null too, and an export writes these back as NaN, the others as null.
    nan: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Things the user should know about how the input was read (one line each).
    notes: tuple[str, ...] = ()
    #: The file's (size, mtime_ns) just before it was read: an export from this copy (the app
    #: exports what it audited) says when the file has changed since.
    stat: tuple[int, int] | None = None
    #: A Parquet input's codecs, row group size and format version (engine/parquet_layout.py).
    parquet: dict[str, Any] | None = None
