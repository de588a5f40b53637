"""A note when a single-label column looks like label sets joined by a separator.

A CSV of multi-label data (``payment|fraud|urgent``) read without ``--label-sep`` was audited as
single labels: every combination a class of its own (the multi-label demo as CSV: 42 classes, 18
'label issues' from a weak classifier), with no word that the column holds sets. The audit still
runs (``a|b`` may be a class name), but the note says what the labels look like and which option
reads them as sets; an empty cell, which stops a single-label audit, is an empty set there.
"""

from __future__ import annotations

import pandas as pd

from engine.paths import shell_word

SEPARATORS = ("|", ";", ",")
MIN_JOINED_SHARE = 0.2  # of the distinct labels hold the separator
MIN_PARTS_ALONE = 2  # distinct parts of joined labels that are labels on their own too
EXAMPLE_CELLS = 40  # the note's example label, cut: the note is said on the progress screen, 46 cells wide at 50x16


def joined_separator(values: pd.Series) -> tuple[str, int, int, str] | None:
    """(separator, joined labels, distinct labels, an example) when the column's distinct string
    labels look like sets joined by one separator: a fifth of them hold it, and at least two of
    their parts are also whole labels of the column; else None."""
    labels = {str(v).strip() for v in _distinct(values) if isinstance(v, str) and str(v).strip()}
    if len(labels) < 3:
        return None
    for sep in SEPARATORS:
        joined = sorted((label for label in labels if sep in label), key=lambda label: (-label.count(sep), label))
        if len(joined) < 2 or len(joined) < MIN_JOINED_SHARE * len(labels):
            continue
        parts = {part.strip() for label in joined for part in label.split(sep) if part.strip()}
        if len(parts & labels) >= MIN_PARTS_ALONE:
            return sep, len(joined), len(labels), joined[0]
    return None


def _distinct(values: pd.Series) -> list:
    """The column's distinct non-missing values: every load reads them, so a 1M-row column costs its
    few classes, not a Python step per row (0.20 -> 0.009 CPU s at 1M rows, bench/README.md,
    session 20); cells that cannot be hashed (lists, dicts) are read one by one, as before."""
    present = values.dropna()
    try:
        return present.unique().tolist()
    except TypeError:
        return present.tolist()


def joined_sets_notes(values: pd.Series, column: str) -> tuple[str, str] | None:
    """For a column that looks like joined label sets (see :func:`joined_separator`, read once): the summary's
    note, and its short form without the example for the progress screen (46 cells wide at 50x16, beside the five
    stages); None for other columns."""
    found = joined_separator(values)
    if found is None:
        return None
    sep, joined, distinct, example = found
    option = shell_word(sep)  # one word to paste, as paths are (engine/paths.shell_word)
    if len(example) > EXAMPLE_CELLS:  # the set with most parts: 250 characters on Debian's debtags (review32)
        example = example[:EXAMPLE_CELLS - 1] + "…"
    return ((f"labels in column {column!r} look like label sets joined by {sep!r} ({joined} of {distinct} labels, "
             f"e.g. {example!r}; their parts are labels on their own too): audited as single labels, each "
             f"combination a class; pass --label-sep {option} to audit them as label sets"),
            (f"labels in column {column!r} look like label sets joined by {sep!r} ({joined} of {distinct} labels): "
             f"audited as single labels, each combination a class; pass --label-sep {option} for sets"))


def joined_sets_hint(values: pd.Series) -> str:
    """What a load error on such a column adds ('' for other columns)."""
    found = joined_separator(values)
    if found is None:
        return ""
    sep = found[0]
    return (f"; the labels look like label sets joined by {sep!r}: with --label-sep {shell_word(sep)} "
            "an empty cell is an empty set")
