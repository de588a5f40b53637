"""The detail pane points at the list's '=' only where the list has the model's-class column.

walk42 (tmux 80x24 and 120x40, demo, Outliers, row 257 'The quarterly board meeting ...'): the pane
said 'Suggested: none (the model agrees), "=" in the list', but the Outliers list has no Suggested
or Top class column (Text, Given, Score, Nearest, Decision), nor has More like this (m): the '='
was nowhere. The label screen and the screens with a Top class column still say it.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import open_issue, settle, wait_until
from tui_synthetic import fixed_app

from tui.columns import SUGGESTED
from tui.screens.more_like_this import MoreLikeThisScreen

AGREES = "Suggested: none (the model agrees)"
HINT = '"=" in the list'


def _suggested_line(pane, row: int) -> str:
    return next(line for line in pane.render_row(row).plain.splitlines() if line.startswith("Suggested:"))


def _agreeing_row(view, among) -> int:
    """A row of ``among`` whose model's top class is its given label."""
    return next(int(row) for row in among if view.predicted[row] == view.given[row])


async def test_no_equals_hint_where_the_list_has_no_model_column(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "outlier")
        assert SUGGESTED not in [column.key for column in screen.columns()]
        row = _agreeing_row(app.view, np.flatnonzero(app.view.flags["outlier"]))
        assert _suggested_line(screen.query_one("#detail"), row) == AGREES

        rows = np.asarray([row, 9, 14], dtype=np.int64)
        app.push_screen(MoreLikeThisScreen(app.view, app.book, rows, np.asarray([1.0, 0.9, 0.8]), "More like this"))
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, MoreLikeThisScreen) and app.screen.busy is None,
                         "the more-like-this list")
        assert SUGGESTED not in [column.key for column in app.screen.columns()]
        assert _suggested_line(app.screen.query_one("#detail"), row) == AGREES


async def test_the_hint_stays_where_the_list_draws_the_equals(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for issue in ("label", "class_imbalance"):  # Suggested / Top class columns
            screen = await open_issue(pilot, issue)
            row = _agreeing_row(app.view, range(len(app.view)))
            assert screen.cell(row, SUGGESTED) == "="
            assert _suggested_line(screen.query_one("#detail"), row) == f"{AGREES}, {HINT}"
            await pilot.press("escape")
            await settle(pilot)
