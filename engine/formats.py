"""The one table of file formats: which suffix means which format, and who can write it.

``load``, ``export``, ``paths``, the CLI's ``--issues-out`` and the TUI's export dialog all ask
here, so a format is added (or a suffix spelled) in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.paths import shell_word

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


#: Compressed files' extensions and the command that makes one from a plain file.
COMPRESSORS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd", ".zip": "zip"}


def compressed_output_problem(output: Path | str) -> str | None:
    """Why an export to a compressed name is refused, as one line, or None: textaudit writes plain
    files, and ``-o out.csv.gz --format csv`` wrote uncompressed CSV under a name that says gzip
    (gunzip then fails, or another tool reads garbage), with nothing said (hostile43)."""
    path = Path(str(output))
    if (tool := COMPRESSORS.get(path.suffix.lower())) is None:
        return None
    plain = path.with_suffix("")
    if format_of(plain) is None:
        return (f"{shell_word(str(path))}: textaudit writes uncompressed files; give the output a name such as "
                f"{shell_word(str(plain.with_suffix('.csv')))}, and compress it after if you need to ({tool})")
    after = f"zip {shell_word(str(path))} {shell_word(str(plain))}" if tool == "zip" else f"{tool} {shell_word(str(plain))}"
    return (f"{shell_word(str(path))}: textaudit writes uncompressed files; write {shell_word(str(plain))} "
            f"and compress it after: {after}")


def known_suffixes() -> str:
    """Every extension export and load accept, ``.csv, .tsv, .jsonl, .ndjson, ...`` (each format's own
    first, its other spelling beside it): for error messages and the app's export dialog alike."""
    return ", ".join(SUFFIX_FORMATS)


def ends_in_separator(value: str) -> bool:
    """True for a path typed as a folder: ``out/``, ``out/.`` (pathlib drops the slash)."""
    return bool(value) and os.path.basename(value) in ("", ".")


def folder_output_problem(value: str, fmt: str, option: str) -> str | None:
    """Why a file output typed as a folder is refused, as one line, or None: the path as typed ends in a
    folder separator (pathlib dropped it and a *file* ``out.parquet`` was written for ``-o out.parquet/``),
    or names an existing folder. ``fmt`` is the output's format; ``hf`` (a folder) is never refused;
    ``auto`` (``export`` without ``--format``) lets the extension pick it and adds the ``--format hf``
    choice; any other name that is no file format (``table`` for ``--issues-out``) lets the extension
    pick it. One rule for ``export -o``, ``--issues-out`` and the output guard (review35, walk35)."""
    if fmt == "hf" or not value:
        return None
    name = os.path.normpath(value)
    folder = os.path.isdir(os.path.expanduser(name))
    if not (folder or ends_in_separator(value)):
        return None
    if fmt == "auto":
        fmt = format_of(name) or fmt  # 'out.parquet/': the extension picked parquet
    picks = fmt not in FILE_FORMATS  # the user still chooses the format by the name's extension
    suffix = "csv" if picks else fmt
    what = {"auto": "an export", "table": "an issue table"}.get(fmt, f"a {fmt} output")
    if folder:  # 'give the file name (sub)' named the folder: refused next as one (review35)
        where, give = "is a folder", f"a file name in it (e.g. {shell_word(os.path.join(name, 'NAME.' + suffix))}"
    elif picks:  # 'give the file name (newdir)' would be refused next for its missing extension
        where, give = "ends in a folder separator", f"a file name (e.g. {shell_word(f'{name}.{suffix}')}"
    else:
        where, give = "ends in a folder separator", f"the file name ({shell_word(name)}"
    give += "; its extension picks the format)" if picks else ")"
    hf = ", or add --format hf to write a saved datasets folder there" if fmt == "auto" else ""
    return f"{option} {shell_word(value)} {where}, but {what} is a file; give {give}{hf}"


def strip_data_suffix(name: str) -> str:
    """``train.csv`` -> ``train``; a name without a known suffix is returned as is."""
    suffix = Path(name).suffix
    if suffix.lower() in SUFFIX_FORMATS:
        return name[: -len(suffix)]
    return name


def is_saved_dataset(folder: Path) -> bool:
    """True for a folder ``datasets.save_to_disk`` wrote."""
    return any((folder / marker).exists() for marker in SAVED_DATASET_MARKERS)


def saved_dataset_part(path: Path) -> str | None:
    """What ``path``, a file of a folder ``datasets.save_to_disk`` wrote, is there (a DatasetDict's split index
    ``dataset_dict.json``, a split's ``state.json`` / ``dataset_info.json`` or ``.arrow`` data), else None:
    given as the data, the index was read as a table ('no text column 'text' (columns: splits)', review38)."""
    import json

    folder = path.parent
    if path.name == "dataset_dict.json" and path.stat().st_size < 2**20:
        try:
            splits = json.loads(path.read_bytes()).get("splits")
        except (OSError, ValueError, AttributeError):
            return None
        if isinstance(splits, list) and splits and all(
                isinstance(split, str) and is_saved_dataset(folder / split) for split in splits):
            return f"the split index of a DatasetDict saved by datasets' save_to_disk (splits {', '.join(splits)})"
    elif path.name in ("state.json", "dataset_info.json") or path.suffix.lower() == ".arrow":
        if (folder / "state.json").is_file() and (folder / "dataset_info.json").is_file():
            return f"{'a file' if path.suffix == '.json' else 'the Arrow data'} of a dataset saved by datasets' save_to_disk"
    return None


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
    #: A JSON Lines file's blank lines (numbered from 1), which are no rows: a row's line from its number
    #: (engine/label_absent.py), without reading the file again.
    blank_lines: tuple[int, ...] = ()
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
