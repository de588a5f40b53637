"""A dataset's label column read into class indices: the sorted classes, each class's original
value (for export), and the notes a reader needs (look-alike or mixed-type labels)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from engine.errors import DataError
from engine.formats import SourceStyle
from engine.wording import counted, counted_verb


def lookalike_labels(classes: list[Any]) -> list[list[Any]]:
    """Groups of distinct labels that differ only in case, surrounding space, number format,
    Unicode normalisation (a precomposed or combining accent) or invisible characters."""
    import re
    import unicodedata

    groups: dict[str, list[Any]] = {}
    for value in classes:
        # NFKC: 'café' written precomposed and with a combining accent; invisible format characters
        key = re.sub(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]", "", unicodedata.normalize("NFKC", str(value)))
        key = key.strip().casefold()
        groups.setdefault(_number_key(key), []).append(value)
    return [group for group in groups.values() if len(group) > 1]


def _number_key(key: str) -> str:
    """``key`` as its number where it spells one, exactly: "1" and "1.0" are the same number, "-0" and "0" too.
    Compared as decimals, not floats: integers past 2**53 (2**70, 2**70 + 1) and numbers past the float range
    (1e400, 1e401) were one float each, so distinct classes read as look-alikes (review33)."""
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(key)
        return "nan" if number.is_nan() else "0" if number == 0 else str(number.normalize())
    except (InvalidOperation, ArithmeticError, ValueError):  # not a number; an exponent past Decimal's range
        try:
            return repr(float(key) + 0.0)
        except ValueError:
            return key


def label_column_hint(frame: pd.DataFrame, text_column: str, label_column: str) -> str:
    """Point at columns that look like labels (repeated values), else at --label-column."""
    candidates = [
        column for column in frame.columns
        if column not in (text_column, label_column) and 2 <= _distinct(frame[column]) <= len(frame) // 2
    ]
    if candidates:
        return f"is it the label column? {', '.join(repr(c) for c in candidates[:3])} repeat values; choose with --label-column"
    return "is it the label column? choose another with --label-column"


def _distinct(column: pd.Series) -> int:
    """How many distinct values ``column`` holds; a column of lists or records (a Parquet list<int>, label sets)
    counted by their reprs, where pandas' nunique raised 'unhashable type', exit 70."""
    try:
        return int(column.nunique())
    except TypeError:
        cells = column.dropna()
        return int(cells.map(lambda value: repr(value.tolist() if hasattr(value, "tolist") else value)).nunique())


def _kind(kind: type) -> str:
    """How a label value's type is named in a warning: boolean, number, text or the type."""
    if issubclass(kind, (bool, np.bool_)):
        return "boolean"
    if issubclass(kind, (int, float, np.integer, np.floating)):
        return "number"
    return "text" if issubclass(kind, str) else kind.__name__


def normalise_labels(values: pd.Series) -> tuple[np.ndarray, list[Any], dict[Any, Any], list[str]]:
    """Map label values to indices of their sorted unique values; reject missing labels.

    Also returns each class's original value (for export) and warnings about distinct values
    that became one class (``1`` and ``"1"`` in a mixed column).
    """
    raw = values.to_numpy(dtype=object)
    at, bad = next(((i, v) for i, v in enumerate(raw) if isinstance(v, (list, dict, tuple, np.ndarray))), (None, None))
    if bad is not None:  # the row named (review35)
        raise DataError(f"label column {values.name!r} holds a {type(bad).__name__} value "
                        f"({str(bad)[:40]}); labels must be text, numbers or booleans (row {at:,}, counted from 0)")
    missing = values.isna().to_numpy() | values.map(
        lambda v: isinstance(v, str) and not v.strip()
    ).to_numpy(dtype=bool)
    if missing.all():  # '30 rows have an empty label (rows 0, 1, 2, 3, 4 ...)': a test split saved without
        # its labels, or the wrong column, said as if a few cells were blank
        raise DataError(f"label column {values.name!r} is empty on every row ({len(raw):,}): this data is "
                        "unlabelled (as a test split often is), or the labels are in another column; "
                        "choose it with --label-column")
    if missing.any():
        rows = np.flatnonzero(missing)
        shown = ", ".join(str(r) for r in rows[:5]) + (" ..." if len(rows) > 5 else "")
        raise DataError(
            f"{counted_verb(len(rows), 'row', 'have')} an empty label ({'row' if len(rows) == 1 else 'rows'} {shown}, "
            "counted from 0); fill or drop them first"
        )
    keys: np.ndarray | None = None
    types = set(map(type, raw))  # one pass; the checks below look at the few types, not every row
    if any(issubclass(t, (bool, np.bool_)) for t in types):
        pass  # True/False stay names, not 1/0
    elif all(issubclass(t, (int, np.integer)) for t in types):
        try:
            keys = np.asarray([int(v) for v in raw], dtype=np.int64)
        except OverflowError:  # beyond 64 bits: the labels are names
            keys = None
    elif all(issubclass(t, (int, float, np.integer, np.floating)) for t in types):
        floats = np.asarray(raw, dtype=np.float64)
        is_whole = bool(np.all(np.isfinite(floats)) and np.all(floats == np.round(floats)))
        has_ints = any(issubclass(t, (int, np.integer)) for t in types)
        # 1.0, 2.0 -> 1, 2; beside ints each value converted itself, exactly: through float64 a JSON column of
        # 9007199254740993 and 9007199254740992 beside a 1.0 was one class (2**53 + 1 is no float; review36)
        whole = [int(v) for v in raw] if is_whole and has_ints else []
        if whole and -(1 << 63) <= min(whole) and max(whole) < (1 << 63):
            keys = np.asarray(whole, dtype=np.int64)
        elif is_whole and not has_ints and -(2.0**63) <= floats.min() and floats.max() < 2.0**63:
            keys = floats.astype(np.int64)  # floats only: exact as they are (1M rows: no per-value int())
        elif is_whole:  # whole numbers past int64 (1e20; 2**64 beside 1.0): each named as the integer it equals, as
            # below; as floats they were said to be 'fractional numbers' (diff36)
            keys = np.asarray([str(value) for value in (whole or [int(v) for v in raw])], dtype=object)
        elif all(int(float(v)) == v for v in raw if isinstance(v, (int, np.integer))):
            keys = floats
        else:  # an integer no float holds beside a fraction: each named by its own digits, a whole float as the
            # int it equals ('1' for 1.0 beside 1: str() made them two classes; review diff36)
            keys = np.asarray([str(int(v)) if isinstance(v, (float, np.floating)) and float(v).is_integer()
                               else str(v) for v in raw], dtype=object)
    if keys is None and types and all(issubclass(t, (bytes, bytearray)) for t in types):
        keys = bytes_names(raw)  # a Parquet binary column: b'a' -> 'a', not the repr "b'a'"
    if keys is None:
        keys = np.asarray([str(v) for v in raw], dtype=object)
    classes, first, indices = _unique(keys)
    if keys.dtype == object and len(classes) > 1 and all(_NUMBER_TEXT.fullmatch(c) for c in classes):
        # '0' ... '10' or '1.0' ... '12.0' read as text (a CSV keeps its cells as written; pandas writes an
        # int column with a gap as 1.0, 2.0): classes in number order, as scikit-learn orders number labels,
        # so a --pred-probs from it lines up ('10' after '9', not '1'); the names keep their spelling
        from decimal import Decimal  # exact: float() made '99999999999999999' and 1e17 one number, in text order

        by_number = np.asarray(sorted(range(len(classes)), key=lambda i: Decimal(classes[i])), dtype=np.intp)
        rank = np.empty_like(by_number)
        rank[by_number] = np.arange(len(by_number))
        classes, first, indices = classes[by_number], first[by_number], rank[indices.reshape(-1)]
    classes = [c.item() if hasattr(c, "item") else c for c in classes]
    originals = {c: (raw[i].item() if hasattr(raw[i], "item") else raw[i]) for c, i in zip(classes, first)}
    warnings: list[str] = []
    if keys.dtype == object and len({_kind(t) for t in types}) > 1:  # 1 and "1" can meet
        kinds: dict[Any, dict[str, Any]] = {}
        for key, value in zip(keys.tolist(), raw.tolist()):
            kinds.setdefault(key, {}).setdefault(_kind(type(value)), value)
        for key, by_kind in kinds.items():
            if len(by_kind) > 1:
                shown = " and ".join(f"{v!r} ({kind})" for kind, v in by_kind.items())
                warnings.append(f"labels {shown} are one class {key!r} (column {values.name!r} mixes types)")
    if keys.dtype == np.float64:  # 0.5, 1.73: a score or a regression target, each value a class
        # as the classes are named (str): '{:g}' showed 0.3 and 0.30000000000000004 both as 0.3
        shown = ", ".join(str(c) for c in classes[:3]) + (", ..." if len(classes) > 3 else "")
        warnings.append(f"label column {values.name!r} holds fractional numbers ({shown}): each distinct value is "
                        f"a class ({len(classes):,} classes); a score or a regression target is not a class label")
    counts = np.bincount(indices, minlength=len(classes))
    for index, value in enumerate(classes):
        if isinstance(value, str) and value.strip().casefold() in MISSING_WORDS:
            rows = int(counts[index])
            warnings.append(f"label {value!r} ({counted(rows, 'row')}) looks like a missing value "
                            "but counts as a class; fill or drop those rows if it is one")
    return indices.astype(np.int64), classes, originals, warnings


def bytes_names(raw: np.ndarray) -> np.ndarray | None:
    """The class names of binary label values (a Parquet ``binary`` column): each value's UTF-8 text, as a
    binary text is refused unless it is one; None where a value is not UTF-8 (then each is named by its repr,
    ``b'\\xff'``, which cannot meet another's). They were all named by the repr: ``b'a'`` was the class
    "b'a'" on every screen, in ``given:`` and the report, and a relabel to a new name wrote text into the
    column, an export to CSV/JSON then mixing it with the others' base64."""
    try:
        return np.asarray([bytes(v).decode("utf-8") for v in raw], dtype=object)
    except UnicodeDecodeError:
        return None


def _unique(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(keys, return_index=True, return_inverse=True)``; for texts, the few distinct
    values are found by hashing and only they are sorted (np.unique sorted every row's text)."""
    if keys.dtype != object:
        return np.unique(keys, return_index=True, return_inverse=True)
    codes, distinct = pd.factorize(keys)  # codes in order of first appearance; str keys, never missing
    order = np.argsort(distinct, kind="stable")  # the order np.unique gives (Python's < on str)
    first = np.unique(codes, return_index=True)[1]
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return np.asarray(distinct, dtype=object)[order], first[order], rank[codes]


#: A label text that is a number written plainly: '7', '-2', '1.0', '0.25' ('007', '+1', '1e3', '.5' sort as names).
_NUMBER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")

#: Label texts that usually mean "no label" (a NaN written as text by str() or another tool; what
#: pandas' read_csv takes for missing, such as Excel's '#N/A'; a spreadsheet formula's error value).
MISSING_WORDS = frozenset({"nan", "none", "null", "na", "n/a", "<na>", "nil", "undefined", "#n/a", "#na", "#n/a n/a",
                           "-nan", "1.#ind", "-1.#ind", "1.#qnan", "-1.#qnan", "#value!", "#ref!", "#div/0!",
                           "#name?", "#num!", "#null!"})


def class_label_names(style: SourceStyle | None, column: str) -> list[str] | None:
    """The names of a saved dataset's ``ClassLabel`` column (ints on disk), else None."""
    feature = (getattr(style, "features", None) or {}).get(column) if style is not None else None
    if type(feature).__name__ != "ClassLabel" or not getattr(feature, "names", None):
        return None
    return [str(n) for n in feature.names]


def class_label_set_names(style: SourceStyle | None, column: str) -> list[str] | None:
    """The names of a saved dataset's ``Sequence(ClassLabel)`` column (lists of ints on disk, as
    go_emotions' labels), else None."""
    feature = (getattr(style, "features", None) or {}).get(column) if style is not None else None
    inner = getattr(feature, "feature", None)
    if type(feature).__name__ not in ("Sequence", "List", "LargeList") or type(inner).__name__ != "ClassLabel":
        return None
    return [str(n) for n in inner.names] if getattr(inner, "names", None) else None


def class_label_texts(values: pd.Series, names: list[str]) -> pd.Series:
    """A ``ClassLabel`` column's ints as their names; -1 (no label), a missing value or an int
    past the names is None."""
    return pd.Series([names[int(v)] if pd.notna(v) and 0 <= int(v) < len(names) else None for v in values],
                     name=values.name, dtype=object)


def class_labels(values: pd.Series, names: list[str]) -> tuple[np.ndarray, list[Any], dict[Any, Any], list[str]]:
    """A ``ClassLabel`` column by its names ('Sports', not 2), written back as the ints it holds;
    -1 (the datasets convention for no label) is an empty label. Every name maps to its int, also
    one no row holds (a test split without a rare class): a relabel to it writes that int, where
    it wrote the name and turned the column into strings ('1', 'mid', '0'), the ClassLabel lost."""
    if len(values) and bool((values == -1).all()):  # a hub test split often has no labels at all
        raise DataError(f"label column {values.name!r} is -1 on every row, datasets' 'no label': this split is "
                        "unlabelled (as a hub test split often is); audit a labelled split")
    labels, classes, _, warnings = normalise_labels(class_label_texts(values, names))
    codes = {name: code for code, name in reversed(list(enumerate(names)))}
    # classes in the order of their ints, not of their names: a --pred-probs from a model trained on
    # the column (a datasets pipeline, a model's id2label, scikit-learn on the ints) has its columns
    # so; sorted by name, ag_news' World, Sports, Business, Sci/Tech took those columns as Business,
    # Sci/Tech, Sports, World and every label score was wrong (s15 hostile)
    order = np.argsort([codes[c] for c in classes], kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[labels], [classes[i] for i in order], codes, warnings


def pred_probs_order(dataset: Any) -> dict[str, str]:
    """How a message names the order of ``--pred-probs``' columns for ``dataset``: a ClassLabel
    column's classes follow its ints (class_labels), every other column's their sorted values."""
    if dataset.is_multilabel or class_label_names(dataset.style, dataset.label_column) is None:
        return {}
    return {"order": "ClassLabel's order (by its ints)"}


def unused_class_label_names(dataset: Any) -> list[tuple[int, str]]:
    """A ClassLabel column's names no row holds, with their ints (a model trained on every name,
    as a datasets pipeline trains one, gives ``--pred-probs`` a column for each)."""
    names = None if dataset.is_multilabel else class_label_names(dataset.style, dataset.label_column)
    held = set(dataset.class_names)
    return [(column, name) for column, name in enumerate(names or []) if name not in held]


_NO_CONTENT = {0: None, 0x1A: None}  # str.translate: NUL and Ctrl+Z deleted


def empty_rows_hint(frame: pd.DataFrame, label_column: str, fmt: str | None) -> str:
    """What the empty-label error adds when rows without a label are empty in every cell: a
    spreadsheet's empty rows, which a CSV/TSV (``fmt``) holds as lines of separators only (',,';
    Excel keeps rows once formatted) that read as rows, not as blank lines; '' otherwise."""
    def empty(column: pd.Series) -> np.ndarray:
        # NUL bytes and DOS' end-of-file mark (Ctrl+Z) are no content either: a file padded with NULs
        # after a crash, or ending in \x1a, read as one more row whose text is that mark and whose label
        # is empty, named only as 'row 12' (one past the rows the user sees)
        blank = (isinstance(v, str) and not v.translate(_NO_CONTENT).strip() for v in column.to_numpy(dtype=object))
        return column.isna().to_numpy() | np.fromiter(blank, dtype=bool, count=len(column))

    no_label = empty(frame[label_column])
    wholly = no_label.copy()
    for column in frame.columns:
        if column != label_column and wholly.any():
            wholly[wholly] = empty(frame[column][wholly])
    n, of = int(wholly.sum()), int(no_label.sum())
    if not n:
        return ""
    which = ("every cell of that row is empty" if of == 1 else "every cell of those rows is empty" if n == of
             else f"{n:,} of them {'is' if n == 1 else 'are'} empty in every cell")
    why = " (lines of separators only, as a spreadsheet saves its empty rows)" if fmt in ("csv", "tsv") else ""
    cells = (v for column in frame.columns for v in frame[column].to_numpy(dtype=object)[wholly])
    if any(isinstance(v, str) and ("\x00" in v or "\x1a" in v) for v in cells):
        which = ("that row holds" if of == 1 else "those rows hold" if n == of
                 else f"{n:,} of them {'holds' if n == 1 else 'hold'}")
        which += " nothing but NUL bytes or DOS' end-of-file mark (\\x1a)"
        why = " (a file padded with NULs after a crash, or ended as old DOS programs end one)"
    return f"; {which}{why}: delete {'it' if n == 1 else 'them'}"
