"""The data options a journal's decisions were made with, for an export not given them (walk36).

Each decision line records the text and label columns the app used (``text_column``, ``label_column``)
and, for label sets joined in one cell, ``label_sep``. ``textaudit export`` of ag_news without
``--text-column title+description`` stopped at "no text column 'text'" though its journal said which
columns the decisions were made with; it now takes them from there (tui/cli_export.py). Only a value
every line that records the field agrees on is taken; the replay's own rules ("made with
--text-column X, not this run's") still say what an explicit option that differs leaves out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: The journal's field, the option it stands for.
FIELDS = {"text_column": "--text-column", "label_column": "--label-column", "label_sep": "--label-sep"}
#: Each field's key with its string value. Inside a JSON string a quote is always escaped, so
#: '"text_column":' with bare quotes is a key, never part of an id or label value; spaces allowed (a
#: hand-edited line). One pattern per field, each starting with its literal key, which re finds by a
#: fast search: 0.8 s over a 220,000-line (87 MB) journal, an alternation of the three 1.6 s.
_FIELDS = {field: re.compile(rb'"' + field.encode() + rb'"[ \t]*:[ \t]*("(?:[^"\\\n]|\\.)*"|null)')
           for field in FIELDS}


def recorded_options(path: Path) -> dict[str, str]:
    """``{field: value}`` for each of ``FIELDS`` that the journal's lines record with one value (a
    non-empty string): the options its decisions were made with. A field with several values (decisions
    made with different columns), none, or an unreadable journal: left out."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    found = {}
    for field, pattern in _FIELDS.items():
        values = set(pattern.findall(data))
        if len(values) != 1:
            continue
        try:
            value = json.loads(values.pop())
        except ValueError:
            continue
        if isinstance(value, str) and value:
            found[field] = value
    return found


def options_to_take(path: Path, given: dict[str, str | None], chosen: dict[str, str | None]) -> dict[str, str]:
    """The journal's options (``recorded_options``) that ``given`` (``{field: the option's value or
    None}``) leaves open and the load chose otherwise by itself (``chosen``: the dataset's text and label
    column and label separator, None for none): a guessed column that is the journal's is left as guessed."""
    if all(given.get(field) is not None for field in FIELDS):
        return {}
    return {field: value for field, value in recorded_options(path).items()
            if given.get(field) is None and chosen.get(field) != value}
