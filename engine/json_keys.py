"""JSON objects that repeat a key: said, not kept silently.

``{"text": "a", "label": "neg", "label": "pos"}`` is valid JSON to Python (and pandas): the last
value wins, without a word, so the row was audited as 'pos' while the file also says 'neg'. The
reader still keeps the last value (as every JSON reader in the Python world does) and the export
still writes each record as the file had it; a note names the first repeat and how many objects
repeat a key.
"""

from __future__ import annotations

import json
from typing import Any

from engine.wording import counted_verb


class RepeatedKeys:
    """``object_pairs_hook`` for ``json.loads`` that remembers objects repeating a key."""

    def __init__(self) -> None:
        self.count = 0
        self.first: tuple[str, Any, Any] | None = None  # (key, first value, kept value)
        self.outer: tuple[str, Any, Any] | None = None  # the same for the last object decoded: the outermost

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        self.outer = None
        if len(obj) != len(pairs):
            self.count += 1
            seen: dict[str, Any] = {}
            for key, value in pairs:
                if key in seen:
                    self.outer = (key, seen[key], obj[key])
                    break
                seen[key] = value
            self.first = self.first or self.outer
        return obj

    def loads(self, text: str) -> Any:
        return json.loads(text, object_pairs_hook=self)

    def note(self, name: str, numbered: list[tuple[int, str]] | None = None, columns: bool = False) -> tuple[str, ...]:
        """The note for the file ``name`` (``numbered``: JSON Lines' (line number, line), to name the line), or ().

        ``columns``: the file is an object of columns, whose own repeated key is a column the
        export writes once."""
        if columns and self.outer is not None:
            return (f"{name}: the object of columns repeats the column {self.outer[0]!r}; the last one is read "
                    "and audited, and an export writes it once (the earlier one left out)",)
        if not self.count or self.first is None:
            return ()
        where = first_repeat_line(numbered) if numbered else ""
        key, first, kept = self.first
        objects = f"{counted_verb(self.count, 'JSON object', 'repeat')} a key"
        return (f"{name}: {objects} (first{where}: {key!r} given {_short(first)} and then {_short(kept)}); "
                f"the last value is the one read and audited; an export writes those objects as the file has them",)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def first_repeat_line(numbered: list[tuple[int, str]]) -> str:
    """' on line N' for the first JSON Lines record repeating a key ('' if none is found)."""
    for number, line in numbered:
        hook = RepeatedKeys()
        try:
            hook.loads(line)
        except (ValueError, RecursionError):
            continue
        if hook.count:
            return f" on line {number}"
    return ""
