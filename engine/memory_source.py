"""Data handed over in memory from Python: a pandas DataFrame or a ``datasets.Dataset``."""

from __future__ import annotations

import os
import sys
from typing import Any

import pandas as pd

from engine.errors import UsageError
from engine.formats import SourceStyle


def repeated_index_note(index: pd.Index | None) -> list[str]:
    """A note where a caller's DataFrame index repeats a label (``pd.concat([train, test])`` without
    ``ignore_index=True``): the per-row results carry that index, and ``df.join(issues)`` paired each
    such row with the other rows' results too (two rows sharing label 110 joined to four, each
    text beside the other's label score), silently."""
    if index is None or index.is_unique:
        return []
    repeated = index[index.duplicated(keep=False)]
    first = repeated[0].item() if hasattr(repeated[0], "item") else repeated[0]  # np.int64(0) -> 0
    shown = first if isinstance(first, (int, str)) else repr(first)
    return [f"the DataFrame's index repeats labels ({len(repeated):,} rows share {repeated.nunique():,}, "
            f"first {shown}: pd.concat without ignore_index=True?); the per-row results carry that index, so "
            "df.join(issues) pairs those rows with each other's results: df.reset_index(drop=True) before "
            "auditing, or match the results by their row column (positions)"]


#: A ``datasets.Dataset`` with a transform set (hostile43: audited on its stored columns, nothing said).
TRANSFORM_NOTE = ("this datasets.Dataset has a transform set (set_transform/with_transform): textaudit audits its "
                  "stored columns, not what the transform returns; apply it with .map() first to audit that")


def memory_frame(source: Any) -> tuple[pd.DataFrame, str, SourceStyle | None, pd.Index | None] | None:
    """``source`` as (frame numbered 0..n-1, name, style, the caller's index where it was not
    0..n-1); None for a path or ``hf:NAME``. A ``datasets.Dataset`` is read as its saved folder is
    (a ``ClassLabel`` by its names): it was taken for a file name, 'Dataset({...}): no such file
    or directory'. Anything else is one line: a Series, dict, list or Arrow table ended in
    'OSError: File name too long' (its repr as a path)."""
    if isinstance(source, pd.DataFrame):
        frame = source.reset_index(drop=True)
        return frame, "<DataFrame>", None, None if source.index.equals(frame.index) else source.index
    datasets = sys.modules.get("datasets")  # not imported: the object is no datasets.Dataset
    if datasets is not None and isinstance(source, datasets.Dataset):
        from engine.readers import read_saved

        frame, style = read_saved(source)
        if (source.format or {}).get("type") == "custom":  # set_transform/with_transform: audited untransformed
            from dataclasses import replace

            style = replace(style, notes=(*style.notes, TRANSFORM_NOTE))
        return frame, "<datasets.Dataset>", style, None
    if isinstance(source, (str, os.PathLike)):
        return None
    split = (" (choose a split: data['train'])"
             if datasets is not None and isinstance(source, datasets.DatasetDict) else "")
    kind = type(source)
    named = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    raise UsageError(f"cannot audit a {named}{split}: give a file path, a saved datasets folder, 'hf:NAME', "
                     "a pandas DataFrame or a datasets.Dataset")
