"""Counts and class names in words, for every message the engine and the app show."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,200 rows``: the count with its noun in the right number
    (``plural`` when it is not ``noun + 's'``)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def shown_name(name: object) -> str:
    """A class name as every report and screen shows it: as it is, or quoted as Python's ``repr``
    does where it would look like another name or like nothing (``'card '`` beside ``card``,
    ``'a\\tb'``, ``''``, ``'x\\u202ey'``): surrounding whitespace, an invisible or control
    character, or a quote to start with (so a name spelled ``'x'`` never looks like a quoted
    ``x``). The journal and the export keep the name itself."""
    name = str(name)
    if name and name == name.strip() and name.isprintable() and name[0] not in "'\"":
        return name
    return repr(name)
