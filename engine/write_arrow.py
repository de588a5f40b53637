"""Write a DataFrame as Parquet or a saved ``datasets`` folder, exactly (engine/writers.py's Arrow side).

Each column keeps the input's Arrow type where its values still fit (a float NaN of the input stays
NaN, a nested column its NaNs and nulls), the input's pandas metadata without its index, its Parquet
layout (engine/parquet_layout.py) and its ``datasets`` features. Every file goes through
:mod:`engine.atomic`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine import atomic
from engine.errors import DataError
from engine.formats import SourceStyle
from engine.paths import shell_word
from engine.write_cells import Notes as _Notes, cell_text as _cell_text, missing as _missing, why_text as _why_text


def to_arrow(frame: pd.DataFrame, style: SourceStyle | None, notes: _Notes, rows: Sequence[int] | None = None) -> Any:
    """An Arrow table; each column keeps the input's Arrow type where its values still fit, and
    a float NaN of the input stays NaN (``rows``: the input row of each output row)."""
    import pyarrow as pa

    fields = {f.name: f for f in style.schema} if style is not None and style.schema is not None else {}
    arrays, names, changed, kept_fields = [], [str(c) for c in frame.columns], set(), []
    for position, name in enumerate(names):
        series = frame.iloc[:, position]
        original = fields.get(name)
        array = None
        if original is not None:
            try:
                array = _nested_exact(series, original.type)
                if array is None:
                    array = pa.array(series, type=original.type, from_pandas=True)
                if pa.types.is_floating(original.type) and not _floats_kept(array, series):
                    array = None  # 0.1 into float32 is 0.10000000149: rounded without a word
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                array = None
        if array is None:
            try:
                array = pa.array(series, from_pandas=True)
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                notes.add(f"column {name!r} {_why_text(series)}; written as text")
                array = pa.array([None if _missing(v) else _cell_text(v, name, notes) for v in series.tolist()],
                                 type=pa.string())
            if original is not None and array.type != original.type:
                notes.add(f"column {name!r} changed type from {original.type} to {array.type} to hold the new values")
        if original is None or array.type != original.type:
            changed.add(name)
        if style is not None and name in style.nan and pa.types.is_floating(array.type):
            array = _arrow_nans(array, series, style.nan[name], rows)
        arrays.append(array)
        same = original is not None and name not in changed and (original.nullable or not array.null_count)
        kept_fields.append(original if same else pa.field(name, array.type))  # its metadata and not-null too
    table = pa.Table.from_arrays(arrays, schema=pa.schema(kept_fields))
    return table.replace_schema_metadata(_pandas_metadata(frame, style, changed))


def _nested_exact(series: pd.Series, kind: Any) -> Any:
    """A nested column (struct, list, map) as Arrow ``kind`` without pandas' NaN-is-null rule, so a
    NaN inside stays NaN and None is null; None when the values do not convert so (then the caller
    converts as pandas does)."""
    import pyarrow as pa

    if isinstance(kind, pa.ExtensionType) and series.dtype == object:  # datasets' Array2D: its lists as storage
        storage = _nested_exact(series, kind.storage_type)
        return None if storage is None else pa.ExtensionArray.from_storage(kind, storage)
    if not pa.types.is_nested(kind) or series.dtype != object:
        return None
    try:
        return pa.array(series.tolist(), type=kind)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None


def _arrow_nans(array: Any, series: pd.Series, nan: frozenset[int], rows: Sequence[int] | None) -> Any:
    """``array`` with NaN, not null, where the input held NaN (the frame holds NaN for both, and
    Arrow reads a pandas NaN as null)."""
    import pyarrow as pa

    at = np.asarray(rows if rows is not None else range(len(series)), dtype=np.int64)
    missing = series.isna().to_numpy()
    real = missing & np.isin(at, np.fromiter(nan, dtype=np.int64, count=len(nan)))
    if not real.any():
        return array
    values = array.to_numpy(zero_copy_only=False).copy()
    values[real] = np.nan
    return pa.array(values, type=array.type, mask=missing & ~real)


def _floats_kept(array: Any, series: pd.Series) -> bool:
    """True when the narrower float ``array`` holds every value of ``series`` exactly."""
    try:
        wanted = series.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        return False
    got = array.to_numpy(zero_copy_only=False).astype(np.float64)
    return bool(np.array_equal(got, wanted, equal_nan=True))


def _pandas_metadata(frame: pd.DataFrame, style: SourceStyle | None, changed: set[str]) -> dict | None:
    """The input's pandas metadata without its index (rows may be gone), or fresh metadata for an
    input without a schema (CSV, JSON); an Arrow input without metadata (pyarrow, polars, Spark)
    gets none: pandas reads nullable ints as floats there, which metadata would turn into Int64."""
    import pyarrow as pa

    if style is not None and style.schema is not None and not style.schema.metadata:
        return None
    original = style.schema.metadata if style is not None and style.schema is not None else None
    if original and b"pandas" in original:
        meta = json.loads(original[b"pandas"])
        kept = [c for c in meta.get("columns", [])
                if c.get("field_name") in frame.columns and c.get("field_name") not in changed]
        # a stored index column stays the index (a range index is left out: rows may be gone)
        meta["index_columns"] = [c for c in meta.get("index_columns", [])
                                 if isinstance(c, str) and any(k.get("field_name") == c for k in kept)]
        meta["columns"] = kept
        return {**original, b"pandas": json.dumps(meta).encode()}
    if original:
        return dict(original)
    try:
        return pa.Schema.from_pandas(frame, preserve_index=False).metadata
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None


def write_parquet(frame: pd.DataFrame, output: Path, style: SourceStyle | None, notes: _Notes,
                   replace_symlink: bool, rows: Sequence[int] | None = None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from engine.parquet_layout import lost_units, write_options
    from engine.paths import arrow_file
    from engine.range_index import keep_range_index

    table = keep_range_index(to_arrow(frame, style, notes, rows), style, rows)
    options = write_options(style.parquet if style is not None else None, table)
    for line in lost_units(table):
        notes.add(line)
    with atomic.atomic_path(output, replace_symlink=replace_symlink) as temp:
        try:
            with arrow_file(temp, "wb") as sink:
                pq.write_table(table, sink, **options)
        except (pa.ArrowException, ValueError) as exc:
            if not options:
                raise
            notes.add(f"wrote the Parquet file with pyarrow's default layout, not the input's ({str(exc)[:80]})")
            with arrow_file(temp, "wb") as sink:
                pq.write_table(table, sink)


def _without_maps(table: Any, notes: _Notes) -> Any:
    """``datasets`` has no map type nor dictionary arrays: a map column becomes a list of {key, value}
    structs, a dictionary-encoded one (a pandas categorical) its values (datasets decoded it without a word)."""
    import pyarrow as pa

    for position, field in enumerate(table.schema):
        if pa.types.is_map(field.type):
            as_list = pa.list_(pa.struct([field.type.key_field, field.type.item_field]))
            table = table.set_column(position, field.name, table.column(position).cast(as_list))
            notes.add(f"column {field.name!r} is a map, which datasets cannot store; written as a list of "
                      "{key, value} records")
        elif pa.types.is_dictionary(field.type):
            table = table.set_column(position, field.name, table.column(position).cast(field.type.value_type))
            notes.add(f"column {field.name!r} is dictionary-encoded (a category), which datasets cannot store; "
                      "written as its values")
    return table


def write_hf(frame: pd.DataFrame, output: Path, style: SourceStyle | None, notes: _Notes,
              replace_symlink: bool, rows: Sequence[int] | None = None) -> None:
    import datasets
    from datasets.table import InMemoryTable

    if len(frame) == 0:  # datasets saves zero rows as zero shards, then cannot load the folder
        raise DataError(f"cannot write {shell_word(str(output))}: no rows left (every row is excluded, or --corrections-only "
                        "found no relabelled or excluded row), and datasets "
                        "cannot load a saved folder without rows; export as .parquet or .csv")
    table = _without_maps(to_arrow(frame, style, notes, rows), notes)
    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # one summary line, not a 'Casting' or 'Saving' bar on stderr (or over the app)
    try:
        _save_hf(datasets.Dataset(InMemoryTable(table)), table, output, style, notes, replace_symlink)
    finally:
        if bars:
            datasets.enable_progress_bars()


def _save_hf(dataset: Any, table: Any, output: Path, style: SourceStyle | None, notes: _Notes,
             replace_symlink: bool) -> None:
    import datasets

    features = style.features if style is not None else None
    if features is not None and list(features) == list(dataset.features):
        before = {f.name: f.type for f in style.schema} if style.schema is not None else {}
        widened = {f.name for f in table.schema if f.name in before and f.type != before[f.name]}
        if widened:  # to_arrow widened them to hold new values: the input's feature would narrow them back
            features = datasets.Features({name: dataset.features[name] if name in widened else feature
                                          for name, feature in features.items()})
        try:
            dataset = dataset.cast(features)
        except (ValueError, TypeError) as exc:
            notes.add(f"kept the new column types, not the input's features ({str(exc)[:80]})")
    with atomic.atomic_path(output, directory=True, replace_symlink=replace_symlink) as temp:
        dataset.save_to_disk(str(temp))
