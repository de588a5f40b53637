"""A CSV/TSV that looks cut off at its end (a download or copy interrupted mid-row): its last line has
no line break and holds the one row of a label that starts another class's name ('card_li' beside
'card_linking'). Such a file was audited with that label as a class of its own, without a word."""

from __future__ import annotations

from typing import Any

import numpy as np


def cut_label_note(style: Any, labels: np.ndarray, classes: list[Any], multilabel: bool) -> list[str]:
    """The note for a file whose last row's label looks cut short, or none. ``style``: the file's
    SourceStyle (None for a DataFrame); ``labels``: each row's index into ``classes``."""
    if multilabel or style is None or style.fmt not in ("csv", "tsv") or style.final_newline or not len(labels):
        return []
    last = classes[int(labels[-1])]
    if not isinstance(last, str) or not last or int(np.count_nonzero(labels == labels[-1])) != 1:
        return []
    longer = sorted(name for name in classes if isinstance(name, str) and name != last and name.startswith(last))
    if not longer:
        return []
    return [f"the file's last line has no line break and holds the only row of label {last!r}, the start of "
            f"{_any_of(longer)}: the file looks cut off (an interrupted download or copy); get the whole file again"]


#: How many of the names a cut label starts the note names ('card_' starts 20 of banking77's).
_NAMED = 3


def _any_of(names: list[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b' or 'c', 'a', 'b', 'c' or 4 more: every class the cut label may have been (the
    note named the first alone: 'card_l' 'the start of 'card_linking'', where 'card_lost' was as likely)."""
    shown = [repr(name) for name in names[:_NAMED]]
    if len(names) > _NAMED:
        return f"{', '.join(shown)} or {len(names) - _NAMED:,} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
