"""Which of replay's refusals a journal line whose text no longer matches its row goes under (engine/journal_replay.py).

A line made with another --text-column is said as such; one whose text no row has now (``gone``) as the decided row
gone: an exclusion always (the export made with it drops that row), a keep or a relabel where the data has fewer
rows than its ``data_version`` counted when it was decided (rows deleted since: 'the row's text changed since'
read as if the text had been edited, review36). Anything else is 'the row's text changed since'.
"""

from __future__ import annotations

from typing import Any

from engine.journal_problems import ReplayProblems


def rows_when_decided(entry: dict[str, Any]) -> int | None:
    """The row count the line's ``data_version`` ('3080-<hash>', engine/journal_copies.texts_version) records, or
    None (no data_version: a journal older than session 28, data without a file name, a hand-edited line)."""
    version = entry.get("data_version")
    count = version.partition("-")[0] if isinstance(version, str) else ""
    return int(count) if count.isascii() and count.isdigit() else None


def text_refusals(entry: dict[str, Any], problems: ReplayProblems, text_column: str | None, n_rows: int,
                  gone: bool = False) -> list[int]:
    """The list of ``problems`` a line refused for its text goes to (``gone``: no row has its text now)."""
    column = entry.get("text_column")
    if isinstance(column, str) and column != text_column:
        return problems.other_text_column.setdefault(column, [])
    if gone and entry.get("action") == "exclude":
        return problems.excluded_gone
    then = rows_when_decided(entry) if gone else None
    return problems.rows_gone if then is not None and then > n_rows else problems.text_changed
