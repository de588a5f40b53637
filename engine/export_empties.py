"""What a CSV/TSV field left empty becomes in a JSON, JSON Lines, Parquet or datasets export.

CSV and TSV cannot tell an empty string from a missing value: an empty field reads as missing, as pandas
and ``datasets`` read it, and a format that can tell them apart writes it as null. The text column is the
exception: textaudit reads its empty field as the empty text (``Dataset.texts``, the app, the null check,
``--corrections-only``), so an export writes ``""`` there, not null."""

from __future__ import annotations

from typing import Any

import pandas as pd

_DELIMITED = ("csv", "tsv")


def empty_texts_as_text(frame: pd.DataFrame, dataset: Any, fmt: str) -> pd.DataFrame:
    """``frame`` with a CSV/TSV input's missing text cells as ``""`` where ``fmt`` tells null from ``""``
    (each column of a joined ``A+B`` text); ``frame`` itself otherwise."""
    style = dataset.style
    if style is None or style.fmt not in _DELIMITED or fmt in _DELIMITED:
        return frame
    from engine.load import text_column_parts

    names = [name for name in text_column_parts(frame, dataset.text_column) if name in frame.columns]
    holes = [name for name in names if frame[name].isna().any()]
    if not holes:
        return frame
    frame = frame.copy()
    for name in holes:
        frame[name] = frame[name].fillna("")
    return frame
