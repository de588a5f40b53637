"""The summary's label line says which rows the label flags are: 'the lowest-scored rows' where they are,
and the rows a tiny class's share of the flags leaves out where some are (rank38, 24cc229: a class under 10
rows gets at most its share, so a lower-scored row of it can stay unflagged; the line still said 'the
lowest-scored rows' alone), and no such words where none is flagged ('0 rows flagged ..., the lowest-scored rows')."""

from __future__ import annotations

import numpy as np
from textual.widgets import Static
from tui_synthetic import fixed_app, fixed_view

from engine.label_posterior import lowest_scored


def _capped(view, count: int = 20) -> int:
    """Scores that rank the demo's 3-row class lowest and flags with its share: how many it leaves out."""
    small = int(np.argmin(np.bincount(view.given)))
    score = np.where(view.given == small, 0.001 + 0.001 * np.arange(len(view)) / len(view),
                     0.5 + np.arange(len(view)) / 1e4)
    view.scores["label"], view.flags["label"] = score, lowest_scored(score, view.given, count)
    return int(((view.given == small) & ~view.flags["label"]).sum())


def test_the_rows_left_out_are_said(pinned_result):
    view = fixed_view(pinned_result.dataset)
    view.scores["label"] = np.arange(len(view), dtype=float)
    view.flags["label"] = view.scores["label"] < 5
    said = view.label_source()
    assert said.startswith("Label issues: 5 rows flagged by textaudit's label score") and " but " not in said, said
    assert ", the lowest-scored rows" in said, said
    view.flags["label"] = view.scores["label"] < 0  # none flagged: no rows to say which
    said = view.label_source()
    assert said.startswith("Label issues: 0 rows flagged by textaudit's label score") and "lowest" not in said, said
    view.flags["label"] = view.scores["label"] < 5
    left = _capped(view)
    assert left == 2
    assert ("the lowest-scored rows but 2 in a class under 10 rows, which gets at most its share of the flags"
            in view.label_source()), view.label_source()
    # a row of a larger class left out too (no such rule: said as a count only)
    big = int(np.flatnonzero(view.flags["label"] & (np.bincount(view.given)[view.given] >= 10))[0])
    view.flags["label"] = view.flags["label"].copy()
    view.flags["label"][big] = False
    view.flags["label"][int(np.argsort(view.scores["label"])[25])] = True
    said = view.label_source()
    assert "the lowest-scored rows but 3 (2 in a class under 10 rows, which gets at most its share" in said, said


async def test_the_summary_says_it(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    _capped(app._given_view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#label-source", Static).render())
        assert "lowest-scored rows but 2 in a class under 10 rows" in line, line
