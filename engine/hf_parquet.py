"""The ``datasets`` features of a Parquet file written by Hugging Face ``datasets``.

``Dataset.to_parquet`` stores a ``ClassLabel`` column as its ints and the names in the schema's
``huggingface`` metadata (the features as JSON). textaudit read such a file as the ints ('1',
'2'), where the same data saved with ``save_to_disk`` is shown by its names. With the features
kept on the ``SourceStyle`` the file is read as a saved folder is: shown by the names, exported
as the ints it holds, a new name the next int (engine/class_label_new.py).
"""

from __future__ import annotations

import json
from typing import Any


def _class_label_columns(metadata: dict[bytes, bytes] | None) -> dict[str, int]:
    """Columns the ``huggingface`` metadata names as a top-level ClassLabel, or a list of one
    (``Sequence(ClassLabel)``, label sets): name -> class count."""
    raw = (metadata or {}).get(b"huggingface")
    if raw is None:
        return {}

    def class_label(feature: object) -> dict | None:
        if isinstance(feature, dict) and feature.get("_type") in SEQUENCES:
            feature = feature.get("feature")
        ok = isinstance(feature, dict) and feature.get("_type") == "ClassLabel"
        return feature if ok and isinstance(feature.get("names"), list) and feature["names"] else None

    try:
        features = json.loads(raw)["info"]["features"]
        return {name: len(found["names"]) for name, feature in features.items()
                if (found := class_label(feature)) is not None}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


#: The ``datasets`` feature types of a list column (a ``Sequence`` is a ``List`` since datasets 4).
SEQUENCES = ("List", "Sequence", "LargeList")


def parquet_features(table: Any, source: str) -> tuple[Any, tuple[str, ...]]:
    """The ``datasets.Features`` of a Parquet table whose metadata names a ClassLabel column,
    and the notes to say; ``(None, ())`` for any other table (``datasets`` is then not imported).

    A ClassLabel column whose values are not ints within its names (rows added to the file by
    another tool, metadata copied onto another table) keeps no names: it is read as it holds,
    with a note, rather than shown under names that do not describe it."""
    import pyarrow.compute as pc

    columns = _class_label_columns(table.schema.metadata)
    if not columns:
        return None, ()
    import datasets

    try:
        features = datasets.Features.from_arrow_schema(table.schema)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, ()
    notes: list[str] = []
    kept = dict(features)
    for name, count in columns.items():
        feature, values = kept.get(name), table.column(name)
        sets = type(feature).__name__ in SEQUENCES and type(getattr(feature, "feature", None)).__name__ == "ClassLabel"
        if sets:
            values = pc.list_flatten(values)  # label sets: every int of every set
        elif type(feature).__name__ != "ClassLabel":
            continue  # the column's type is not a ClassLabel's (int64): datasets itself ignores the metadata
        low_high = pc.min_max(values)
        low, high = low_high["min"].as_py(), low_high["max"].as_py()
        if low is not None and (low < -1 or high >= count):
            plain = datasets.Value("int64")
            kept[name] = datasets.Sequence(plain) if sets else plain
            notes.append(f"{source}: column {name!r} is a ClassLabel of {count} names in the file's datasets "
                         f"metadata, but holds {low}..{high}; read as the ints it holds, not as those names")
    return datasets.Features(kept), tuple(notes)
