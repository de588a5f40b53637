"""A file's column error before the app opens, from its first records (walk39, fix40a).

``textaudit browse ag_news/test.csv`` (columns label, title, description) opened the app only to show
"no text column 'text' ...; choose one with --text-column (or join several: --text-column title+description)"
and wait for q; a JSONL, JSON or Parquet file did the same. :func:`check_columns_early` resolves the columns
on the file's first :data:`SAMPLE_ROWS` records (CSV/TSV and JSON Lines: the first lines; a JSON array: its
first objects; Parquet: the first batch of rows), as the load does (engine/load._resolve); where that fails,
the whole load runs and its own error (the same line) reaches the shell. A sample that resolves, or a file
this cannot read, goes on to the app as before: a refusal is always the full load's, never the sample's.
An object of column lists (``{"text": [...], "label": [...]}``) is not sampled: its keys are spread over the
whole file (the key after the first list's last value may be ``text``), so no bounded read tells its columns:
it is loaded whole here (it opened the app only to fail there; fix41b), as ``hf:NAME`` is (datasets builds a hub
dataset or a folder's data files whole). A saved ``datasets`` folder is sampled from its first rows (memory-mapped:
it was not checked). Where the whole load ran here and accepted
the file, its Dataset goes to the app, which audits it without reading the file again (fix41b: a file whose first
records did not resolve was read twice, here and in the app).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from engine.errors import TextauditError
from engine.formats import format_of, is_saved_dataset

if TYPE_CHECKING:
    import pandas as pd

    from engine.load import Dataset
    from engine.pipeline import AuditOptions
    from engine.progress import Progress

#: The records the sample holds (the guess reads at most 1,000 values of a column).
SAMPLE_ROWS = 1_000
#: How much of a JSON file is read at a time while its first records are sought.
_CHUNK = 1 << 20


def _text_encoding(encoding: str) -> str:
    """The encoding the readers open a text file with (engine/table_read._read_file): a UTF-8 BOM is not data."""
    return "utf-8-sig" if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else encoding


def sample_frame(path: Path, kind: str, encoding: str) -> pd.DataFrame | None:
    """The first records of a data file as its reader reads them, or None where this cannot tell (a line
    that does not parse, ragged rows, an object of column lists): the load then says what is wrong."""
    try:
        if kind in ("csv", "tsv"):
            return _delimited_sample(path, kind, encoding)
        if kind == "jsonl":
            return _records_frame(_jsonl_records(path, encoding), path)
        if kind == "json":
            return _records_frame(_json_array_records(path, encoding), path)
        if kind == "parquet":
            return _parquet_sample(path)
    except (OSError, UnicodeError, LookupError, ValueError, RecursionError, TextauditError):
        return None  # the full load reads it and says what is wrong there
    except Exception as exc:  # pyarrow's own errors on a file that is no Parquet: the load says so
        if type(exc).__module__.startswith("pyarrow"):
            return None
        raise
    return None


def _delimited_sample(path: Path, kind: str, encoding: str) -> pd.DataFrame | None:
    """The header and first records of a CSV/TSV as read_delimited reads them (strings, empty = missing)."""
    import pandas as pd

    from engine.readers import unique_names
    from engine.wide_header import first_records

    records = first_records(path, kind, encoding, SAMPLE_ROWS)
    header, rows = (records[0], records[1:]) if records else (None, [])
    if not header or not rows or any(len(row) != len(header) for row in rows):
        return None
    cells = [[cell if cell != "" else None for cell in row] for row in rows]
    return pd.DataFrame(cells, columns=unique_names(header), dtype=object)


def _records_frame(records: list[Any] | None, path: Path) -> pd.DataFrame | None:
    """The records as engine/json_readers builds its frame (the same dtypes), or None."""
    if not records or not all(isinstance(record, dict) for record in records):
        return None
    from engine.json_readers import _frame_from_records

    return _frame_from_records(records, path)[0]


def _jsonl_records(path: Path, encoding: str) -> list[Any] | None:
    """The objects on the first :data:`SAMPLE_ROWS` lines that are not blank (lines end at LF, as read_jsonl
    splits them); None where the first is an array (a .json named .jsonl)."""
    records: list[Any] = []
    with path.open(encoding=_text_encoding(encoding), newline="\n") as handle:
        for line in handle:
            if not line.strip():
                continue
            if not records and line.lstrip().startswith("["):
                return None
            records.append(json.loads(line))
            if len(records) == SAMPLE_ROWS:
                break
    return records


def _json_array_records(path: Path, encoding: str) -> list[Any] | None:
    """The first :data:`SAMPLE_ROWS` values of a JSON array, read a chunk at a time (each read as long as what
    is held, so a long value costs a linear read); None where the file holds no array (an object of column
    lists or of rows keyed by id: its columns are known only at its end) or the array does not parse."""
    decoder = json.JSONDecoder()
    records: list[Any] = []
    with path.open(encoding=_text_encoding(encoding), newline="") as handle:
        text, ended = "", False

        def next_value(at: int) -> int:
            """The index of the next character that is not JSON whitespace, reading on where the text ends."""
            while True:
                while at < len(text) and text[at] in " \t\r\n":
                    at += 1
                if at < len(text) or ended:
                    return at
                more()

        def more() -> None:
            nonlocal text, ended
            chunk = handle.read(max(_CHUNK, len(text)))
            ended = not chunk
            text += chunk

        at = next_value(0)
        if text[at:at + 1] != "[":
            return None
        at = next_value(at + 1)
        while len(records) < SAMPLE_ROWS and text[at:at + 1] not in ("]", ""):
            if records:
                if text[at] != ",":
                    return None  # not JSON: the load says where
                at = next_value(at + 1)
            while True:
                try:
                    value, end = decoder.raw_decode(text, at)
                except json.JSONDecodeError:
                    if ended:
                        return None
                    more()  # the value goes on in the next chunk
                    continue
                if end < len(text) or ended:
                    break
                more()  # a number cut at the chunk's end reads whole next time
            records.append(value)
            at = next_value(end)
    return records


def _parquet_sample(path: Path) -> pd.DataFrame | None:
    """The first batch of a Parquet file's rows as read_parquet builds its frame (its pandas metadata kept)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from engine.arrow_frame import arrow_to_frame
    from engine.readers import repeated_names

    with pq.ParquetFile(path) as parquet:
        schema = parquet.schema_arrow
        if repeated_names(schema.names):
            return None
        batch = next(parquet.iter_batches(batch_size=SAMPLE_ROWS), None)
    if batch is None:
        return None
    table = pa.Table.from_batches([batch]).replace_schema_metadata(schema.metadata)
    return arrow_to_frame(table, str(path))


def _json_object(path: Path, encoding: str) -> bool:
    """True where a JSON file's first character that is not whitespace opens an object (column lists, or rows
    keyed by id), read from its first 64 KiB."""
    try:
        with path.open(encoding=_text_encoding(encoding), newline="") as handle:
            return handle.read(1 << 16).lstrip(" \t\r\n")[:1] == "{"
    except (OSError, UnicodeError, LookupError):
        return False


def _saved_sample(path: Path) -> pd.DataFrame | None:
    """The first rows of a saved ``datasets`` folder as engine/table_read reads it (a DatasetDict: its 'train'
    split, else its first), or None where datasets cannot open it (the load says why)."""
    try:
        import datasets

        from engine.readers import read_saved

        loaded = datasets.load_from_disk(str(path))
        if isinstance(loaded, datasets.DatasetDict):
            loaded = loaded["train" if "train" in loaded else next(iter(loaded))]
        return read_saved(loaded.select(range(min(SAMPLE_ROWS, len(loaded)))))[0]
    except Exception:  # noqa: BLE001 - datasets raises many types for a bad folder: the load says what
        return None


def _load_whole(source: str, options: AuditOptions, progress: Callable[[Progress], None] | None = None) -> Dataset:
    """The whole load, as the app's would run it: a refusal is its own line. ``progress`` hears it start
    ('reading SOURCE') and end ('done'): a hub download of minutes left the shell blank (fix41c)."""
    from engine.load import load_dataset
    from engine.progress import Progress

    if progress is not None:
        shown = source if source.startswith("hf:") else Path(source).name  # the line has 40 cells for it
        progress(Progress("load", 0, 1, f"reading {shown}"))
    dataset = load_dataset(source, text_column=options.text_column, label_column=options.label_column,
                           id_column=options.id_column, encoding=options.encoding, label_sep=options.label_sep)
    if progress is not None:
        progress(Progress("load", 1, 1, "done"))
    return dataset


def check_columns_early(source: str, options: AuditOptions,
                        progress: Callable[[Progress], None] | None = None) -> Dataset | None:
    """Raise the load's one-line column error for a source whose columns do not resolve (no ``text`` and no lone
    text-like column, a given column missing), before the TUI starts: a local CSV/TSV, JSON Lines, JSON array or
    Parquet file or a saved ``datasets`` folder from its first records, a JSON object and ``hf:NAME`` by the
    whole load. Returns the Dataset where the whole load ran and accepted it (the app audits that), else None.
    ``progress``: hears a whole load's start and end (the first records' read takes a fraction of a second)."""
    if source.startswith("hf:"):
        return _load_whole(source, options, progress)
    path = Path(source).expanduser()
    if path.is_dir() and is_saved_dataset(path):
        sample = _saved_sample(path)
    else:
        kind = format_of(path)
        if kind is None or not path.is_file():
            return None
        if kind == "json" and _json_object(path, options.encoding):
            return _load_whole(source, options, progress)
        sample = sample_frame(path, kind, options.encoding)
    if sample is None or len(sample.columns) == 0:
        return None
    from engine.load import _resolve

    try:
        _resolve(sample, None, source, options.encoding, options.text_column, options.label_column,
                 options.id_column)
    except TextauditError:  # the whole load decides, and says it in its own words
        return _load_whole(source, options, progress)
    except Exception as exc:  # pyarrow tripped on the sample's values: the app's load says what
        if not type(exc).__module__.startswith("pyarrow"):
            raise
    return None
