"""Labels as the user types them (display strings) turned back into the dataset's own values."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engine.errors import UsageError
from engine.load import Dataset


def label_value(dataset: Dataset, display: str) -> Any:
    """The original label value for a display string (int labels stay ints); see label_values."""
    return label_values(dataset, [display])[0]


def label_values(dataset: Dataset, displays: list[str]) -> list[Any]:
    """Original label values for display strings, e.g. ``"3"`` -> ``3`` when the labels are ints.

    A label that is not an existing class is converted to the type of the existing classes;
    raises ``UsageError`` if it cannot be (e.g. ``"spam"`` for integer labels).
    """
    known = dict(zip(dataset.class_names, dataset.classes))
    binary = binary_names(dataset)
    if binary is not None:  # a binary column: a new name is bytes too (as text, it mixed with base64 in a CSV)
        convert, kind = (_utf8, "text") if binary else (_bytes_literal, "a bytes literal (b'...')")
    elif _all_bool(dataset):  # 'true' typed beside the class True: a text class 'true' beside it in the export
        convert, kind = _bool_or_text, "text"
    elif (places := decimal_places(dataset)) is not None:  # a new label in a decimal column: text widened it
        convert, kind = (lambda text: _decimal(text, places)), f"a number with at most {places} decimal places"
    elif whole_floats_named(dataset):  # 1e20, 2e20: a new label '3e20' typed as its digits stays a float
        convert, kind = _whole_float, "a whole number a float holds exactly"
    elif all(isinstance(c, int) for c in dataset.classes) or _big_int_column(dataset):
        convert, kind = int, "an integer"
    elif all(isinstance(c, (int, float)) for c in dataset.classes):
        convert, kind = float, "a number"
    elif (timed := time_kind(dataset)) is not None:  # a date or timestamp column: a new label as text made the
        convert, kind = timed  # whole column text in a Parquet export (date32 -> string), though it was a date
    else:
        convert, kind = str, "text"
    values = []
    for display in displays:
        if display in known:
            values.append(known[display])
            continue
        try:
            value = convert(display)
        except ValueError:
            raise UsageError(f"label {display!r} is not {kind}, but the labels are") from None
        if convert is float and not math.isfinite(value):  # 'nan' wrote a missing label: the export no longer loaded
            raise UsageError(f"label {display!r} is not a finite number, so the number column cannot hold it "
                             "as a label (NaN is a missing value there)")
        values.append(value)
    return values


def in_row_types(dataset: Dataset, rows: list[int], displays: list[str] | None, values: list[Any]) -> list[Any]:
    """``values`` (labels to write at ``rows``) in a label column that mixes texts and numbers (JSON's ``"1"`` and
    ``1``): each class named by its text kept one original value, its first row's. ``displays`` None (labels the
    rows hold): each row's own value, in any column of Python values. Else (relabels to the classes ``displays``
    names): where the class is spelled both ways in the data, the spelling of the row's own type, not the first
    row's (review33); a class spelled one way keeps it (a number written to a class only ever text made it
    spelled both ways, and a reload said so), and a new class stays as given. Any other column: ``values`` as they are."""
    column = dataset.frame[dataset.label_column]
    if dataset.is_multilabel or column.dtype != object or not rows:
        return values
    from engine.label_column import _kind

    cells = column.to_numpy(dtype=object)
    if displays is None:  # also where 2 and 1.0 are one class 2: a row holding 2 wrote its class's 2.0 (review36)
        return [cells[row] for row in rows]
    if not {"text", "number"} <= {_kind(type(cell)) for cell in cells}:
        return values
    index = {name: code for code, name in enumerate(dataset.class_names)}
    wanted = {index[d] for d in displays if d in index}
    spellings: dict[int, dict[str, Any]] = {}
    for cell, code in zip(cells, dataset.labels):
        if int(code) in wanted:
            spellings.setdefault(int(code), {}).setdefault(_kind(type(cell)), cell)
    out = []
    for row, display, value in zip(rows, displays, values):
        own = spellings.get(index.get(display, -1), {})
        out.append(own.get(_kind(type(cells[row])), value) if len(own) > 1 else value)
    return out


def binary_names(dataset: Dataset) -> bool | None:
    """For a binary label column (every class's value bytes, a Parquet ``binary`` column): True where its
    classes are named by their UTF-8 text, False where by their repr (a value that is not UTF-8:
    engine/label_column.bytes_names); None for any other column."""
    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    if not originals or not all(isinstance(v, (bytes, bytearray)) for v in originals):
        return None
    return any(name != repr(bytes(v)) for name, v in zip(dataset.class_names, originals))


def decimal_places(dataset: Dataset) -> int | None:
    """For a decimal label column (a Parquet ``decimal128``/``decimal256``: every class's value a ``Decimal``),
    the decimal places its values are written with (its scale); None for any other column."""
    from decimal import Decimal

    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    if not originals or not all(isinstance(v, Decimal) and v.is_finite() for v in originals):
        return None
    return max(0, -min(int(v.as_tuple().exponent) for v in originals))


def time_kind(dataset: Dataset) -> tuple[Any, str] | None:
    """For a label column of dates or timestamps (a Parquet ``date32`` / ``timestamp``), how a new label typed as
    text becomes one, as the classes are named ('2020-01-09'; '2020-01-09 12:00:00+00:00' in a column with a time
    zone, a time typed without one taken in the column's), and how it is said; None for any other column."""
    import datetime

    import pandas as pd

    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    if originals and all(isinstance(v, pd.Timestamp) for v in originals):
        zone = originals[0].tz
        return (lambda text: _timestamp(text, zone)), f"a time as the classes are written ({dataset.class_names[0]!r})"
    if originals and all(type(v) is datetime.date for v in originals):
        return (lambda text: datetime.date.fromisoformat(text.strip())), "a date (YYYY-MM-DD)"
    return None


def _timestamp(text: str, zone: Any) -> Any:
    """``text`` as a pandas Timestamp in time zone ``zone`` (None: a column without one, so a time typed with a zone
    is refused); a ValueError where it is no time."""
    import pandas as pd

    try:
        value = pd.Timestamp(text.strip())
    except (TypeError, OverflowError) as exc:  # pandas' own ValueError passes as is
        raise ValueError(text) from exc
    if value is pd.NaT:  # '' and 'NaT': a missing label, which the column cannot hold as a class
        raise ValueError(text)
    if zone is None:
        if value.tz is not None:
            raise ValueError(text)
        return value
    return value.tz_localize(zone) if value.tz is None else value.tz_convert(zone)


def _all_bool(dataset: Dataset) -> bool:
    """True for a boolean label column (JSON true/false, a Parquet bool)."""
    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    return bool(originals) and all(isinstance(v, (bool, np.bool_)) for v in originals)


def _big_int_column(dataset: Dataset) -> bool:
    """True for a label column of JSON integers one of which is beyond 64 bits (its classes are named by
    their digits, engine/label_column.py): a new label '5' was written as the text "5" among numbers.
    Not for a column mixing 1 and "1" (each class's first value an int): a new label there stays text."""
    from engine.label_column import class_label_names

    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    if not originals or not all(type(v) is int and str(v) == c for c, v in zip(dataset.classes, originals)):
        return False  # (a ClassLabel's classes are its names, its ints on disk)
    if class_label_names(dataset.style, dataset.label_column) is not None:
        return False
    values = dataset.frame[dataset.label_column].to_numpy(dtype=object)
    return all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in values)


def whole_floats_named(dataset: Dataset) -> bool:
    """True for a label column of whole floats past int64 (1e20), its classes named by the integers they equal
    (engine/label_column.normalise_labels, fa5459a): a new label there was text, so a relabel to '300000000000000000000'
    turned a Parquet double column into strings, and the reloaded export named every class anew ('1e+20')."""
    originals = [dataset.label_originals.get(c, c) for c in dataset.classes]
    return bool(originals) and all(isinstance(v, float) and isinstance(c, str) and v.is_integer() and str(int(v)) == c
                                   for c, v in zip(dataset.classes, originals))


def _whole_float(text: str) -> float:
    """A new label of a :func:`whole_floats_named` column: the float the whole number ``text`` is ('3e20' too: the
    journal's checks then name it '300000000000000000000'), where a float holds it exactly (a ValueError where not:
    '300000000000000000001' would be written as another number)."""
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(text.strip())
        value = float(number) if number.is_finite() and number == number.to_integral_value() else math.nan
    except (InvalidOperation, OverflowError):
        raise ValueError(text) from None
    if not math.isfinite(value) or Decimal(value) != number:
        raise ValueError(text)
    return value


def _bool_or_text(text: str) -> Any:
    """A boolean column's new label: True/False for their spellings ('true', 'FALSE'), refused as the class
    written another way; any other text widens the column to text (the export warns)."""
    return {"true": True, "false": False}.get(text.strip().lower(), text)


#: The most digits a Parquet decimal holds (decimal256; decimal128 38).
MAX_DECIMAL_DIGITS = 76


def _decimal(text: str, places: int) -> Any:
    """``text`` as a Decimal with the column's ``places`` ('4.5' -> 4.50, shown so once read back); a
    ValueError where it is no number or needs more places (the column's type cannot hold it)."""
    from decimal import Decimal, InvalidOperation, localcontext

    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    digits = value.adjusted() + 1 + places if value.is_finite() else MAX_DECIMAL_DIGITS + 1
    if digits > MAX_DECIMAL_DIGITS:  # no Parquet decimal holds it (nor an infinity)
        raise ValueError(text)
    with localcontext() as context:
        # Python's default context holds 28 digits, a decimal128 38: '1e30' raised InvalidOperation, a traceback
        context.prec = max(context.prec, digits)
        exact = value.quantize(Decimal(1).scaleb(-places)) if value.as_tuple().exponent != -places else value
    if exact != value:
        raise ValueError(text)
    return exact


def label_name(dataset: Dataset, value: Any) -> str:
    """The class name ``value`` shows as once written (and the export read back)."""
    if isinstance(value, (bytes, bytearray)) and binary_names(dataset):
        return bytes(value).decode("utf-8")
    if isinstance(value, float) and value.is_integer() and whole_floats_named(dataset):  # 3e+20 as its class is named
        return str(int(value))
    return str(value)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")  # (a lone surrogate: UnicodeEncodeError, a ValueError: 'is not text')


def _bytes_literal(text: str) -> bytes:
    """``b'\\xff'`` as typed for a binary column named by reprs: the bytes it spells."""
    import ast

    try:
        value = ast.literal_eval(text.strip())
    except (SyntaxError, MemoryError, RecursionError):
        value = None
    if not isinstance(value, bytes):
        raise ValueError(text)
    return value


def parses_as_set(text: str, names: list[str]) -> bool:
    """True when ``text`` is a label set over ``names`` in the display form (engine.multilabel)."""
    from engine.multilabel import parse_display

    try:
        parse_display(text, names)
    except UsageError:
        return False
    return True
