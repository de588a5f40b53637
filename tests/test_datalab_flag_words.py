"""The label-source line (summary and report) says Datalab's own flag in words at 0 and 1 rows: it read
"Datalab's own flag: 0 rows, 0 of them in both" (ui38b, banking77 400 rows) and '1 row, 1 of them in both'."""

from __future__ import annotations

import numpy as np
from tui_synthetic import fixed_view


def test_datalab_flag_words_at_none_one_and_many(pinned_result):
    view = fixed_view(pinned_result.dataset)
    ours = view.flags["label"]
    first = int(np.flatnonzero(ours)[0])
    said = {}
    for name, rows in {"none": [], "ours": [first], "not ours": [int(np.flatnonzero(~ours)[0])],
                       "many apart": np.flatnonzero(~ours)[:3], "many": np.flatnonzero(ours)[:3]}.items():
        view.datalab_label_flags = np.zeros(len(view), dtype=bool)
        view.datalab_label_flags[rows] = True
        said[name] = view.label_source().split("; ")[-1]
    assert said == {"none": "Datalab's own flag: none.", "ours": "Datalab's own flag: 1 row, flagged by both.",
                    "not ours": "Datalab's own flag: 1 row, not flagged by textaudit.",
                    "many apart": "Datalab's own flag: 3 rows, none of them in both.",
                    "many": "Datalab's own flag: 3 rows, 3 of them in both."}
