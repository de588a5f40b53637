"""A note when a single-label CSV/TSV column holds lists written as text.

pandas' ``to_csv`` writes a column of lists (label sets) as their Python repr, ``['billing', 'fraud']``,
and ``json.dumps`` per cell as ``["billing", "fraud"]``. Read back, every such cell is one string, so the
audit took each distinct list for a class (a multi-label banking77 slice: 14 'classes', 10 'label
issues'), with no word that the column holds sets: ``--label-sep`` splits the text at the separator, brackets
and quotes included, and the joined-sets note (engine/label_sets_hint.py) sees no label among the parts.
The note says what the cells are and how to audit them as sets.
"""

from __future__ import annotations

import ast
import json

import pandas as pd

from engine.paths import shell_word

MIN_LIST_SHARE = 0.8  # of the distinct labels are written lists


def _written_list(text: str) -> bool:
    """True for a cell holding a list of strings or numbers as JSON or a Python literal."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return False
    for parse in (json.loads, ast.literal_eval):
        try:
            value = parse(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        return isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)
    return False


def list_cells_note(values: pd.Series, column: str, label_sep: str | None = None) -> str | None:
    """The note for a column of strings most of whose distinct values are written lists; else None.
    ``label_sep``: the run split them at it, brackets and quotes into the labels ("['a'", "'b']")."""
    present = values.dropna()
    try:
        distinct = present.unique().tolist()
    except TypeError:  # cells that cannot be hashed are no strings anyway
        return None
    texts = [v for v in distinct if isinstance(v, str)]
    if len(texts) < 2 or len(texts) < len(distinct):
        return None
    lists = [t for t in texts if _written_list(t)]
    if len(lists) < 2 or len(lists) < MIN_LIST_SHARE * len(texts):
        return None
    example = max(lists, key=len) if len(max(lists, key=len)) <= 60 else lists[0][:60] + "…"
    if label_sep is not None:
        return (f"labels in column {column!r} are lists written as text (e.g. {example!r}, as pandas' to_csv writes a "
                f"column of lists): --label-sep {shell_word(label_sep)} splits them with their brackets and quotes in the labels; "
                "to audit them as label sets save the data as JSON Lines (df.to_json(path, orient='records', "
                "lines=True)), or join each list with a separator")
    return (f"labels in column {column!r} are lists written as text (e.g. {example!r}, as pandas' to_csv writes a "
            "column of lists): audited as single labels, each list a class; to audit them as label sets save the "
            "data as JSON Lines (df.to_json(path, orient='records', lines=True)), or join each list with a "
            "separator and pass --label-sep")
