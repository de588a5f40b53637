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
            f"{longer[0]!r}: the file looks cut off (an interrupted download or copy); get the whole file again"]
