"""A row with no text lists no nearest neighbours in the detail pane, and says why.

tmux, demo, Null / empty text (walk41, fix41c): row 122 (empty) listed 'Nearest neighbours:' at 0.778-0.848, 'asdf
qwerty zxcv 12345 !!!' first, then unrelated card rows: its vector is the model's for an empty string, so the nearness
means nothing (the checks leave such rows to the null check: issue_managers._NoTextNoFlag). The pane now says 'none
shown: the row has no text to be near another's'; a row with text lists them as before.
"""

from __future__ import annotations

import numpy as np
from tui_synthetic import outlier_detail


async def test_an_empty_row_lists_no_neighbours_and_says_why(pinned_result, journal_path):
    async with outlier_detail(pinned_result, journal_path) as (view, row, pane):
        with_text = pane.render_row(row).plain.splitlines()
        at = with_text.index("Nearest neighbours:")
        assert len(with_text) > at + 1 and with_text[at + 1].startswith("  0."), with_text  # a row with text: listed
        view.texts[row] = ""
        no_text = np.zeros(len(view), dtype=bool) if view.no_text is None else view.no_text.copy()
        no_text[row] = True
        view.no_text = no_text
        lines = pane.render_row(row).plain.splitlines()
        said = [line for line in lines if line.startswith("Nearest neighbours")]
        assert said == ["Nearest neighbours: none shown: the row has no text to be near another's"], lines
        assert not [line for line in lines if line.startswith("  0.")], lines  # no distances


async def test_the_multilabel_pane_says_it_too(ml_app):
    from pilot_helpers import settle
    from test_multilabel_tui import open_labels

    async with ml_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_labels(pilot, ml_app)
        [blank] = np.flatnonzero(ml_app.view.no_text).tolist()
        pane = ml_app.screen.query_one("#detail")
        lines = pane.render_row(blank).plain.splitlines()
        assert "Nearest neighbours: none shown: the row has no text to be near another's" in lines, lines
        other = next(row for row in range(len(ml_app.view)) if not ml_app.view.no_text[row])
        assert "Nearest neighbours:" in pane.render_row(other).plain.splitlines()  # a row with text: listed
