"""Labels as the user types them (display strings) turned back into the dataset's own values."""

from __future__ import annotations

import math
from typing import Any

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
    if all(isinstance(c, int) for c in dataset.classes):
        convert, kind = int, "an integer"
    elif all(isinstance(c, (int, float)) for c in dataset.classes):
        convert, kind = float, "a number"
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


def parses_as_set(text: str, names: list[str]) -> bool:
    """True when ``text`` is a label set over ``names`` in the display form (engine.multilabel)."""
    from engine.multilabel import parse_display

    try:
        parse_display(text, names)
    except UsageError:
        return False
    return True
