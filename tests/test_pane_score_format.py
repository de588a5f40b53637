"""A tiny score reads the same in the list and in the detail pane.

Seen on ag_news: the list's Score column said ``4.4e-04`` while the pane's ``Why:`` line said
``label score 0.000`` and ``Flagged by: Label issues 0.000``, as if the score were zero.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import label_detail
from tui_synthetic import fixed_view

from tui.app import TextauditApp
from tui.columns import SCORE
from tui.terminal_text import format_score


async def test_the_pane_draws_a_tiny_label_score_as_the_list_does(pinned_result, tmp_path):
    view = fixed_view(pinned_result.dataset)
    row = int(np.flatnonzero(view.flags["label"] & view.datalab_label_flags)[0])
    view.scores["label"] = view.scores["label"].copy()
    view.scores["label"][row] = 4.4e-4  # the lowest: the list's first row
    view.datalab_label_scores = view.scores["label"]
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, body = await label_detail(pilot, row)
        assert screen.cell(row, SCORE) == format_score(4.4e-4) == "4.4e-04"
    assert "label score 4.4e-04, flagged" in body
    assert "Flagged by: Label issues 4.4e-04" in body
    assert "its label_score 4.4e-04" in body
    assert "0.000" not in body
