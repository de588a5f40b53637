"""How a Parquet file was written (codec per column, row group size, format version, INT96
timestamps), so an export of it is written the same way: a zstd or uncompressed input does not
come back snappy. Where pyarrow cannot write the table that way, the export uses its defaults.

Parquet files do not record a codec's level, so a codec is kept at pyarrow's default level.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

#: Parquet metadata codec names pyarrow can write, as ``write_table`` spells them (LZO it cannot).
_CODECS = {"UNCOMPRESSED": "none", "SNAPPY": "snappy", "GZIP": "gzip", "BROTLI": "brotli",
           "ZSTD": "zstd", "LZ4": "lz4", "LZ4_RAW": "lz4"}


def read_layout(path: Path) -> dict[str, Any]:
    """``{"codecs": {column path: codec}, "row_group_size": n, "version": v, "int96": bool}`` of the
    file at ``path`` (the first row group's codec per leaf column; the largest row group's row count;
    whether timestamps are stored as INT96)."""
    import pyarrow.parquet as pq

    from engine.paths import arrow_file

    with arrow_file(path) as source:
        meta = pq.read_metadata(source)
    codecs: dict[str, str] = {}
    if meta.num_row_groups:
        group = meta.row_group(0)
        for i in range(group.num_columns):
            column = group.column(i)
            if (codec := _CODECS.get(str(column.compression).upper())) is not None:
                codecs[column.path_in_schema] = codec
    rows = max((meta.row_group(i).num_rows for i in range(meta.num_row_groups)), default=0)
    int96 = any(meta.schema.column(i).physical_type == "INT96" for i in range(len(meta.schema)))
    version = "1.0" if meta.format_version == "1.0" else None
    return {"codecs": codecs, "row_group_size": rows or None, "version": version, "int96": int96}


def _leaf_paths(table: Any) -> list[str]:
    """The Parquet column paths ``table`` is written as ('tags.list.element' for a list)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table.slice(0, 0), sink)
    schema = pq.read_metadata(pa.BufferReader(sink.getvalue())).schema
    return [schema.column(i).path for i in range(len(schema))]


def write_options(layout: dict[str, Any] | None, table: Any) -> dict[str, Any]:
    """``pq.write_table`` keyword arguments that write ``table`` as the input was written: each
    column with its input codec (a column the input lacks: the input's most common codec)."""
    if not layout:
        return {}
    options: dict[str, Any] = {}
    codecs = layout.get("codecs") or {}
    if codecs:
        common = Counter(codecs.values()).most_common(1)[0][0]
        per_column = {path: codecs.get(path, common) for path in _leaf_paths(table)}
        kinds = set(per_column.values())
        if kinds:
            options["compression"] = kinds.pop() if len(kinds) == 1 else per_column
    if layout.get("row_group_size"):
        options["row_group_size"] = layout["row_group_size"]
    if layout.get("version"):
        options["version"] = layout["version"]
    if layout.get("int96"):  # Spark's, Hive's and Impala's legacy timestamps (nanoseconds, which 1.0 has no INT64 for)
        options["use_deprecated_int96_timestamps"] = True
    return options


def lost_units(table: Any) -> list[str]:
    """A line for each column that is or holds (in a struct, list or map) a ``timestamp[s]`` (a saved
    datasets folder's): Parquet has no seconds unit, so it is written (and read back) as
    ``timestamp[ms]``, the same instants, as pyarrow and datasets' own ``to_parquet`` write it."""
    import pyarrow as pa

    lines = []
    for field in table.schema:
        if pa.types.is_timestamp(field.type) and field.type.unit == "s":
            lines.append(f"column {field.name!r} is {field.type}, which Parquet cannot store: written as "
                         f"{pa.timestamp('ms', field.type.tz)} (the same instants)")
        elif (inner := _seconds_inside(field.type)) is not None:
            lines.append(f"column {field.name!r} holds {inner} values, which Parquet cannot store: written as "
                         f"{pa.timestamp('ms', inner.tz)} (the same instants)")
    return lines


def _seconds_inside(kind: Any) -> Any:
    """The first ``timestamp[s]`` type in a struct, list or map type ``kind`` (at any depth), else None."""
    import pyarrow as pa

    if isinstance(kind, pa.ExtensionType):  # datasets' Array2D: its value_type is a dtype's name ('float32'), and
        return _seconds_inside(kind.storage_type)  # is_timestamp('float32') raised (hostile43): its storage's lists
    if pa.types.is_timestamp(kind):
        return kind if kind.unit == "s" else None
    if pa.types.is_struct(kind):
        children = [kind.field(i).type for i in range(kind.num_fields)]
    elif pa.types.is_map(kind):
        children = [kind.key_type, kind.item_type]
    else:  # lists of every kind (and a dictionary's values)
        children = [kind.value_type] if hasattr(kind, "value_type") else []
    return next((found for child in children if (found := _seconds_inside(child)) is not None), None)
