"""An Arrow table (a Parquet file, a saved ``datasets`` folder) as a DataFrame, values kept exact.

pandas' own conversion turns an integer or bool column with nulls into floats and a stored index
into the frame's index; these helpers keep the file's columns, order and values instead, and note
which float cells were NaN (not null) so a writer can put NaN back.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from engine.errors import DataError
from engine.path_words import source_word

_NULLABLE = {
    "int8": "Int8", "int16": "Int16", "int32": "Int32", "int64": "Int64",
    "uint8": "UInt8", "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64", "bool": "boolean",
}


def _index_as_columns(frame: pd.DataFrame, table: Any) -> pd.DataFrame:
    """The frame with the file's columns, in the file's order and names: a stored index (pandas'
    ``set_index('id')``, or ``__index_level_0__``) is data, a column where the file has it; a range
    index the file keeps as metadata only (``df.iloc[5:]``) is no column (it became an extra
    'index' column that an export then wrote)."""
    meta = table.schema.pandas_metadata or {}
    stored = [c for c in meta.get("index_columns", []) if isinstance(c, str) and c in table.column_names]
    if not stored and all(isinstance(c, dict) for c in meta.get("index_columns", [])):
        return frame.reset_index(drop=True)
    if len(stored) != frame.index.nlevels:
        return frame.reset_index()  # an index mixing stored and range levels: kept as before
    # each level under its field name first: pandas names a level by the column it was set from, and
    # set_index('uid', drop=False) keeps that column too (the level is '__index_level_0__' in the file),
    # so reset_index() under the level's name raised 'cannot insert uid, already exists'
    frame.index = frame.index.set_names(stored)
    frame = frame.reset_index()
    frame.columns = [*stored, *frame.columns[len(stored):]]
    order = [name for name in table.column_names if name in frame.columns]
    return frame[order] if len(order) == frame.shape[1] and len(set(order)) == len(order) else frame


def _reads_without_metadata(table: Any) -> bool:
    """The table converts once its pandas metadata is left out: that metadata was what failed."""
    if not table.schema.metadata or b"pandas" not in table.schema.metadata:
        return False
    try:
        table.slice(0, 1).to_pandas(ignore_metadata=True)
    except Exception:  # noqa: BLE001 - any failure: not (only) the metadata's
        return False
    return True


def arrow_to_frame(table: Any, source: str = "") -> pd.DataFrame:
    """An Arrow table as a DataFrame; integer/bool columns with nulls stay nullable, not float.
    A column pandas cannot hold exactly is a DataError naming it (``source``: the file, for it)."""
    import pyarrow as pa

    try:
        frame = table.to_pandas()
    except pa.ArrowMemoryError:
        raise
    except pa.ArrowException as exc:  # a time64[ns] with nanoseconds: pandas' times hold microseconds
        source = f"{source_word(source)}: " if source else ""
        for name, column in zip(table.column_names, table.columns):
            try:
                column.to_pandas()
            except pa.ArrowMemoryError:
                raise
            except pa.ArrowException as inner:
                try:  # dictionary-encoded text that is not UTF-8: 'Unknown error: Wrapping caf\ufffd failed', exit 70
                    column.validate(full=True)
                except pa.ArrowInvalid as invalid:
                    raise DataError(f"{source}column {name!r} ({column.type}) does not hold valid data ({invalid}; "
                                    "text that is not UTF-8?): re-encode it as UTF-8 and save the file again") from None
                raise DataError(f"{source}column {name!r} ({column.type}) cannot be read exactly ({inner}); "
                                "cast it to a type pandas holds (a string, or int64) and save the file again") from None
        raise DataError(f"{source}cannot read it into pandas exactly ({exc})") from None
    except (TypeError, ValueError, KeyError) as exc:  # its pandas metadata: a dtype this pandas cannot make, exit 70
        if not _reads_without_metadata(table):  # ('geometry', a package's extension dtype, another pandas')
            raise
        source = f"{source_word(source)}: " if source else ""
        what = f"no key {exc}" if isinstance(exc, KeyError) else exc
        raise DataError(f"{source}its pandas metadata cannot be read here ({what}: written with a package or pandas "
                        "version not installed here?); save it again without that metadata (pyarrow: "
                        "pq.write_table(pq.read_table(F).replace_schema_metadata(None), F2))") from None
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0 or frame.index.step != 1:
        frame = _index_as_columns(frame, table)
    positions = {name: i for i, name in enumerate(frame.columns)}
    for name, column in zip(table.column_names, table.columns):
        kind = column.type
        if isinstance(kind, pa.ExtensionType) and name in positions and _foreign_dtype(frame.iloc[:, positions[name]]):
            # datasets' Array2D/3D/4D/5D: its pandas dtype cannot be compared (its _metadata is a str), so
            # taking rows of the frame (a decision, an export) raised AttributeError: the values as lists
            frame.isetitem(positions[name], pd.Series(column.to_pylist(), dtype=object, index=frame.index))
            continue
        if pa.types.is_nested(kind) and name in positions and any(_nulls_inside(chunk) for chunk in column.chunks):
            # pandas turned the integers inside into floats (1 -> 1.0, 2**60 + 1 rounded) and a null
            # float in a list into NaN: the exact values
            frame.isetitem(positions[name], pd.Series(column.to_pylist(), dtype=object, index=frame.index))
            continue
        if (pa.types.is_integer(kind) or pa.types.is_boolean(kind)) and column.null_count and name in positions:
            series = frame.iloc[:, positions[name]]
            if series.dtype == object or series.dtype.kind == "f":
                frame.isetitem(positions[name], pd.array(column.to_pylist(), dtype=_NULLABLE[str(kind)]))
    return frame


def _foreign_dtype(series: pd.Series) -> bool:
    """True for a pandas extension dtype that pandas did not define (datasets' PandasArrayExtensionDtype)."""
    dtype = series.dtype
    return isinstance(dtype, pd.api.extensions.ExtensionDtype) and not type(dtype).__module__.startswith("pandas")


def _nulls_inside(array: Any) -> bool:
    """A nested array (struct, list, map) with an integer, bool or float value that is null
    somewhere inside: pandas converts such integers to floats and such a null float in a list to
    NaN. Only nested columns with nulls pay to_pylist (a list<float> of embeddings or a list<int>
    of token ids without nulls stays numpy)."""
    import pyarrow as pa

    kind = array.type
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind) or pa.types.is_floating(kind):
        return array.null_count > 0
    if pa.types.is_struct(kind):
        return any(_nulls_inside(array.field(i)) for i in range(kind.num_fields))
    if pa.types.is_map(kind):
        return _nulls_inside(array.keys) or _nulls_inside(array.items)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind):
        return _nulls_inside(array.flatten())
    return False


def arrow_nans(table: Any) -> dict[str, frozenset[int]]:
    """Per float column, the rows holding NaN (not null): the frame holds NaN for both."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = {}
    for name, column in zip(table.column_names, table.columns):
        if pa.types.is_floating(column.type):
            rows = np.flatnonzero(pc.fill_null(pc.is_nan(column), False).to_numpy(zero_copy_only=False))
            if len(rows):
                found[name] = frozenset(rows.tolist())
    return found


#: The fix added for an ``hf:`` source, whose files may be CSV or JSON in another encoding.
HUB_ENCODING = "; or, for CSV/JSON data files in another encoding, pass --encoding"


def not_utf8(series: pd.Series, hub: bool = False) -> str | None:
    """What to say of an Arrow-backed string column holding bytes that are not UTF-8, or None. A Parquet
    writer that does not check (pyarrow's does) can store them; pyarrow reads them unchecked, and the first
    use of a value ('Wrapping caf\ufffd failed') ended the run as an internal error, exit 70. The same for a
    ``hf:`` folder of JSON Lines in latin-1 (``hub``: an ``hf:`` source), whose datasets builder does not
    check either."""
    import pyarrow as pa

    to_arrow = getattr(series.array, "__arrow_array__", None)
    if to_arrow is None:  # Python strs: valid already
        return None
    array = to_arrow()
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    start = 0
    for chunk in chunks:
        try:
            chunk.validate(full=True)
        except pa.ArrowInvalid:
            raw = chunk.view(pa.large_binary() if pa.types.is_large_string(chunk.type) else pa.binary())
            for offset, value in enumerate(raw.to_pylist()):
                try:
                    value is None or value.decode("utf-8")
                except UnicodeDecodeError:
                    return (f"column {series.name!r} holds text that is not valid UTF-8 (row {start + offset:,}, "
                            f"counted from 0: {value[:40]!r}), which a Parquet or Arrow string column must hold "
                            "(the file's writer did not check): re-encode the column as UTF-8 and save the file "
                            "again" + (HUB_ENCODING if hub else ""))
            raise
        start += len(chunk)
    return None

