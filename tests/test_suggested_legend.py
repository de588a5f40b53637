"""The Suggested cells '=' and '-' are said: help's row-screen section has a one-line legend and the
detail pane names the cell (walk36: `f` on banking77 showed '-' and '=' with no legend anywhere)."""

from __future__ import annotations

from pilot_helpers import every_row, settle
from test_suggested_cell_unbacked import UNBACKED, app_with_an_unflagged_disagreement
from textual.widgets import Static

from tui.screens.help import HelpScreen


async def test_help_and_pane_say_what_the_suggested_marks_mean(pinned_result, journal_path):
    app = app_with_an_unflagged_disagreement(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        row_list = await every_row(pilot, "label")
        row_list.move_cursor(int(list(row_list.order).index(UNBACKED)))
        await settle(pilot)
        pane = " ".join(str(app.screen.query_one("#detail-body", Static).render()).split())
        top = app.view.shown_names[app.view.predicted[UNBACKED]]
        assert f'"({top})" in the list: a takes it' in pane, pane  # f's list: a takes the top class (928987e)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        notes = [str(w.render()) for w in app.screen.query(".help-note")]
    assert notes == ["Suggested: = the model agrees · - no label issue backs a change · (name) with f: the model's "
                     "top class, no label issue behind it; a takes it"]
