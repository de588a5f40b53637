"""A CSV/TSV that looks cut off at its end (a download or copy interrupted mid-row): its last line has
no line break and holds the one row of a label that starts another class's name ('card_li' beside
'card_linking'). Such a file was audited with that label as a class of its own, without a word."""

from __future__ import annotations

from typing import Any

import numpy as np


def cut_label_note(style: Any, labels: np.ndarray, classes: list[Any], multilabel: bool,
                   label_sets: list[tuple[int, ...]] | None = None) -> list[str]:
    """The note for a file whose last row's label looks cut short, or none. ``style``: the file's
    SourceStyle (None for a DataFrame); ``labels``: each row's index into ``classes``; ``label_sets``: a
    multi-label file's sets (without them a multi-label file gets no note): the label of the last row's set
    that no other row holds ('billing|refu' beside 'refund' was a class of one row, unsaid)."""
    if style is None or style.fmt not in ("csv", "tsv") or style.final_newline or not len(labels):
        return []
    if multilabel:
        if not label_sets:
            return []
        held = np.bincount([c for labels_of in label_sets for c in labels_of], minlength=len(classes))
        alone = [classes[c] for c in label_sets[-1] if held[c] == 1 and isinstance(classes[c], str)]
        last = next((name for name in alone if name and _longer(name, classes)), None)
        if last is None:
            return []
    else:
        last = classes[int(labels[-1])]
        if not isinstance(last, str) or not last or int(np.count_nonzero(labels == labels[-1])) != 1:
            return []
    longer = _longer(last, classes)
    if not longer:
        return []
    return [f"the file's last line has no line break and holds the only row of label {last!r}, the start of "
            f"{_any_of(longer)}: the file looks cut off (an interrupted download or copy); get the whole file again"]


def _longer(name: str, classes: list[Any]) -> list[str]:
    """The classes ``name`` is the start of, sorted."""
    return sorted(other for other in classes if isinstance(other, str) and other != name and other.startswith(name))


#: How many of the names a cut label starts the note names ('card_' starts 20 of banking77's).
_NAMED = 3


def _any_of(names: list[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b' or 'c', 'a', 'b', 'c' or 4 more: every class the cut label may have been (the
    note named the first alone: 'card_l' 'the start of 'card_linking'', where 'card_lost' was as likely)."""
    shown = [repr(name) for name in names[:_NAMED]]
    if len(names) > _NAMED:
        return f"{', '.join(shown)} or {len(names) - _NAMED:,} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
