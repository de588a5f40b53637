"""Checks on a data path before it is read: what it is (a missing file, a link loop, a FIFO, a folder of
Parquet parts, a spreadsheet, a compressed file, another format than its extension says). One readable line
each (engine/load.py raises them); the text encoding is engine/text_encoding's."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from engine.byte_marks import utf16_without_bom, wide_bom
from engine.errors import DataError, UsageError
from engine.formats import format_of, is_saved_dataset, known_suffixes, saved_dataset_part
from engine.paths import shell_word, unpacked_name
from engine.stream_paths import stream_problem
from engine.text_encoding import check_encoding


def folder_problem(path: Path) -> str:
    """The line for a folder that is no saved datasets folder: one of data files names some (the
    data folder of train.csv and test.csv), one of Parquet parts (Spark's part-*.parquet, a hive
    ``key=value`` partitioned or Dask output) is told how to make the one file textaudit reads."""
    files = sorted(p for pattern in ("*", "*/*") for p in path.glob(pattern) if p.is_file() and format_of(p))
    if not files:
        return f"{shell_word(str(path))}: is a directory, not a data file or a saved datasets folder"
    parts = all(format_of(p) == "parquet" and (p.name.startswith("part-") or "=" in p.parent.name) for p in files)
    if parts:  # a key=value folder holds a column (often the label) that no part file has
        one = "" if any("=" in p.parent.name for p in files) else " or give one part"
        join = (f"import pyarrow.parquet as pq; pq.write_table(pq.read_table({json.dumps(str(path), ensure_ascii=False)}), "
                f"{json.dumps(joined_name(path.name, path.parent), ensure_ascii=False)})")  # a quote or $: one command
        return (f"{shell_word(str(path))}: is a directory of {len(files)} Parquet parts (a Spark, Dask or partitioned output), not one "
                f"data file; join them first (python -c {shell_word(join)}){one}")
    named = ", ".join(str(p.relative_to(path)) for p in files[:4]) + (", ..." if len(files) > 4 else "")
    return f"{shell_word(str(path))}: is a directory, not a data file; give one of its data files ({named})"


def joined_name(folder: str, beside: Path) -> str:
    """The file the parts of ``folder`` are joined into: ``<folder>.parquet``, a data suffix replaced; Spark's ``x.parquet``
    folder gets ``x.joined.parquet``, not ``x.parquet.parquet``; a name past 255 bytes is cut (engine.paths.fitting_name);
    never a file of the current folder or ``beside`` (the folder's parent): it wrote over an out.parquet (diff39)."""
    from engine.formats import strip_data_suffix
    from engine.paths import fitting_name

    stem, n = strip_data_suffix(folder) or folder, 1
    name = fitting_name(stem, ".parquet")
    name = fitting_name(stem, ".joined.parquet") if name.lower() == folder.lower() else name
    while Path(name).exists() or (beside / name).exists():
        n += 1
        name = fitting_name(stem, f".joined-{n}.parquet")
    return name


def check_source(source: str | Path, *, encoding: str = "utf-8", demo_hint: bool = True) -> str | None:
    """The checks a data path gets before it is read, cheap enough for ``browse`` to run before
    its app starts (a missing file was said inside the TUI): the format (``'hf'`` for a saved
    datasets folder, None for ``hf:NAME``), or a one-line DataError / UsageError. ``demo_hint``:
    a missing 'demo' names the bundled demo's file (``export`` says its own, with the journal)."""
    source_str = str(source)
    if source_str.startswith("hf:"):
        return None
    check_encoding(encoding)
    path = Path(source_str).expanduser()
    if stream := stream_problem(source_str, path):  # /dev/stdin, /dev/fd/N: 'rename it to .csv' (review35)
        raise UsageError(stream)
    if not path.exists():
        from engine.demo import missing_demo_hint

        hub = "; a Hugging Face dataset is hf:NAME, in lower case" if source_str[:3].lower() == "hf:" else ""
        demo = missing_demo_hint(path) if demo_hint else ""
        raise DataError(f"{shell_word(str(source_str))}: {_why_missing(path)}{hub}{demo}")  # 'HF:imdb' (review35)
    if path.is_dir():
        if not is_saved_dataset(path):
            raise DataError(folder_problem(path))
        return "hf"
    if not path.is_file():  # st_size 0: it was 'the file is empty'; reading a FIFO would block
        raise DataError(f"{shell_word(str(source_str))}: not a regular file (a named pipe, device or socket); "
                        "save the data to a file first")
    if (part := saved_dataset_part(path)) is not None:  # its folder is what textaudit reads
        raise UsageError(f"{shell_word(str(source_str))}: is {part}, not a data file; give its folder: {shell_word(str(path.parent))}")
    kind = format_of(path)
    if kind is None and path.suffix.lower() in _COMPRESSED:
        inner = format_of(path.with_suffix(""))
        raise UsageError(f"{shell_word(str(source_str))}: a compressed {inner or 'data'} file ({path.suffix}); "
                         f"decompress it first ({_COMPRESSED[path.suffix.lower()]} {shell_word(path.name)})")
    if kind is None and path.suffix.lower() in _SPREADSHEETS:
        raise UsageError(f"{shell_word(str(source_str))}: a spreadsheet ({path.suffix}), which textaudit does not read; "
                         "save the sheet as CSV (UTF-8) and audit that")
    if kind is None:
        known = known_suffixes()
        raise UsageError(
            f"{shell_word(str(source_str))}: unknown file type {path.suffix or '(none)'!r}; "
            f"use {known}, a saved datasets folder or hf:NAME{_looks_like(path)}"
        )
    return kind


def _looks_like(path: Path) -> str:
    """A hint for a text file of another extension (Excel's 'Unicode Text' .txt, a .dat): what its
    first line looks like, or ''."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return ""
    codec = wide_bom(head) or ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8")
    line = head.decode(codec, "replace").lstrip("\ufeff").split("\n", 1)[0]
    if "\0" in line or not line.strip() or _mostly_not_text(line):
        return ""
    encoding = f" --encoding {codec}" if codec in ("utf-16", "utf-32") else ""
    if line.lstrip().startswith(("{", "[")):
        return f"{LOOKS_LIKE_JSON}: rename it to .jsonl or .json{encoding and ', with' + encoding})"
    if "\t" in line:
        return f" (its first line is tab-separated: rename it to .tsv{encoding and ', and pass' + encoding})"
    if "," in line:
        return f" (its first line is comma-separated: rename it to .csv{encoding and ', and pass' + encoding})"
    return ""


def _mostly_not_text(line: str) -> bool:
    """``line`` (decoded with replacement) is mostly bytes no text holds: undecodable (U+FFFD) or control
    characters other than whitespace, in a fifth or more of its other characters. Random bytes are so
    (review33: a binary file whose first 'line' held a tab was told 'rename it to .tsv'); a Latin-1 line read
    as UTF-8 has a replacement only where it has an accent."""
    chars = [c for c in line if c not in " \t\r\f\v"]
    odd = sum(c == "\ufffd" or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in chars)
    return bool(chars) and odd * 5 >= len(chars)


#: Leading bytes of what a data file may be under another extension, and what to do with it.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data: decompress it first (gunzip -c NAME > data{ext})"),
    (b"BZh", "bzip2-compressed data: decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz-compressed data: decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data: decompress it first (unzstd)"),
    (b"\xd0\xcf\x11\xe0", "an Excel workbook (.xls): save the sheet as CSV (UTF-8) and audit that"),
    (b"PAR1", "a Parquet file: rename it to .parquet"),
)


#: how ``other_content``'s hint for JSON (Lines) under a .csv/.tsv name starts (engine/table_read matches it)
LOOKS_LIKE_JSON = " (it looks like JSON"


def other_content(path: Path, kind: str) -> str:
    """A hint for a file whose bytes are another format than its extension says (a gzip or an
    Excel workbook named .csv, a CSV named .parquet or .jsonl, JSON Lines named .csv), as
    ' (it is ...: FIX)'; '' when nothing says so."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return ""
    for magic, what in _MAGIC:
        if head.startswith(magic) and not (magic == b"PAR1" and kind == "parquet"):
            out = shell_word(unpacked_name(path, "." + kind))  # quoted: 'my data.csv' read 'my' (diff38)
            return f" (it is {what.replace('NAME', shell_word(path.name)).replace('data{ext}', out)})"
    if (wide := utf16_without_bom(head)) is not None:  # 't\0e\0x\0t\0': text, two bytes a character
        return f" (it looks like UTF-16 text without a BOM: pass --encoding {wide})"
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head or b"[Content_Types].xml" in head:
            return " (it is an Excel workbook (.xlsx) under another name: save the sheet as CSV (UTF-8) and audit that)"
        return f" (it is a zip archive: unzip it first (unzip {shell_word(path.name)}))"
    looks = _looks_like(path)
    said = {"csv": "comma-separated", "tsv": "tab-separated", "json": "JSON", "jsonl": "JSON"}.get(kind)
    return "" if not looks or (said and said in looks) else looks


def _why_missing(path: Path) -> str:
    """Why a path that does not exist does not: a link loop and a dangling link are named."""
    import errno
    import os

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (too many levels of symbolic links)"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
    return "no such file or directory"


#: Spreadsheets: textaudit reads their CSV export.
_SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".ods", ".numbers")

#: Compressed files and the command that unpacks each.
_COMPRESSED = {".gz": "gunzip", ".bz2": "bunzip2", ".xz": "unxz", ".zst": "unzstd", ".zip": "unzip"}
