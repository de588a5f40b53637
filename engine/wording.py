"""Counts in words, for every message the engine and the app show."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,200 rows``: the count with its noun in the right number
    (``plural`` when it is not ``noun + 's'``)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
