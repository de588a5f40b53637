"""A Parquet input's pandas range index, kept on export when it was not the default 0, 1, 2, ...

pandas stores a ``RangeIndex`` as metadata only (``{"kind": "range", "start": 5, ...}``, no
column): ``df.iloc[5:].to_parquet()`` keeps its rows' labels 5, 6, 7, ... that way. The export
left every range index out (rows may be gone), so such a file came back labelled from 0, and
``pd.read_parquet`` of the export no longer lined up with the rest of the table it was cut from.
Now the kept rows' labels are written as pandas writes them for the corrected frame: again a
range when they still step evenly (no row excluded, or only at the ends), else a stored
``__index_level_0__`` column. The default range (0, 1, 2, ...) is still left out, as before:
an export renumbers those rows from 0.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np


def _range_entry(metadata: dict | None) -> dict | None:
    """The input's one-level, non-default range index, or None."""
    if not metadata or b"pandas" not in metadata:
        return None
    try:
        levels = json.loads(metadata[b"pandas"]).get("index_columns", [])
    except (ValueError, AttributeError):
        return None
    if len(levels) != 1 or not isinstance(levels[0], dict) or levels[0].get("kind") != "range":
        return None
    entry = levels[0]
    start, stop, step = entry.get("start"), entry.get("stop"), entry.get("step")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, stop, step)) or step == 0:
        return None
    return None if (start, step) == (0, 1) else entry


def keep_range_index(table: Any, style: Any, rows: Sequence[int] | None) -> Any:
    """``table`` (the export's, its pandas metadata without an index) with the input's range index
    back, for the input rows ``rows`` (None: every row, in order)."""
    import pyarrow as pa

    schema = getattr(style, "schema", None)
    entry = _range_entry(schema.metadata if schema is not None else None)
    meta = table.schema.metadata
    if entry is None or not meta or b"pandas" not in meta:
        return table
    start, step = entry["start"], entry["step"]
    at = np.arange(table.num_rows, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    labels = start + step * at
    pandas_meta = json.loads(meta[b"pandas"])
    steps = np.diff(labels)
    if len(labels) < 2 or (steps == steps[0]).all():
        first = int(labels[0]) if len(labels) else start
        by = int(steps[0]) if len(labels) > 1 else step
        pandas_meta["index_columns"] = [{**entry, "start": first, "stop": first + by * len(labels), "step": by}]
    else:  # rows excluded in between: the labels as a stored index column, as pandas writes them
        name = entry.get("name")
        field = name if isinstance(name, str) and name not in table.column_names else "__index_level_0__"
        if field in table.column_names:
            return table
        table = table.append_column(field, pa.array(labels, type=pa.int64()))
        pandas_meta["index_columns"] = [field]
        pandas_meta["columns"] = [*pandas_meta.get("columns", []), {
            "name": name, "field_name": field, "pandas_type": "int64", "numpy_type": "int64", "metadata": None}]
    return table.replace_schema_metadata({**meta, b"pandas": json.dumps(pandas_meta).encode()})
