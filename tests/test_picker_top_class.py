"""The label picker calls the model's top class what the detail pane beside it calls it.

Left at the session-17 stop: on the Overlapping classes list (and every row no label issue
flags) the picker marked the model's top class '(suggested)' while the detail pane said
'Suggested: none: no label issue here (the model's top class is ...)' and ``a`` refused it.
A suggestion is what a label issue backs; elsewhere the picker now says '(top class)'.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import open_issue, wait_until
from textual.widgets import OptionList, Static

from tui.app import TextauditApp
from tui.screens.label_picker import LabelPicker
from tui.widgets.row_list import RowList


def first_option(app) -> str:
    return str(app.screen.query_one("#picker-options", OptionList).get_option_at_index(0).prompt)


async def test_the_overlap_lists_picker_says_top_class_as_the_pane_does(mixed_result, tmp_path):
    app = TextauditApp(mixed_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "overlapping_class")
        view = app.view
        rows = screen.query_one("#rows", RowList)
        order = [int(r) for r in rows.order]
        row = next(r for r in order if view.predicted[r] != view.given[r] and not view.backs_suggestion(r))
        rows.move_cursor(order.index(row))
        await pilot.pause()
        pane = " ".join(str(screen.query_one("#detail-body", Static).render()).split())
        top = view.shown_names[int(view.predicted[row])]
        assert "Suggested: none: the label check flags the " in pane and f"(the model's top class is {top})" in pane
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker")
        await pilot.pause()
        assert first_option(app).startswith(top) and first_option(app).endswith("(top class)"), first_option(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "the list again")
        await pilot.press("space", "down", "space", "l")  # two marked rows, neither a label issue
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker for the marks")
        await pilot.pause()
        assert "suggested" not in first_option(app) and "(top class" in first_option(app), first_option(app)


async def test_a_label_issue_row_is_still_suggested(mixed_result, tmp_path):
    app = TextauditApp(mixed_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_issue(pilot, "label")
        view = app.view
        assert len(np.flatnonzero(view.flags["label"]))
        row = int(screen.query_one("#rows", RowList).current_row)
        assert view.backs_suggestion(row)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker")
        await pilot.pause()
        assert first_option(app).endswith("(suggested)"), first_option(app)
