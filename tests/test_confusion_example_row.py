"""The confusion navigator's Example is the row its list opens on: the group's lowest label score.

Seen in tmux on AG News (7,600 rows): the pair World → Sports showed 'Live: Olympics day four ...'
(its lowest row number), while enter listed the pair from 'At Last, Success on the Road for
Lions' (score 0.001), the clearest case of the pair.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import press_on, settle
from textual.widgets import DataTable
from tui_synthetic import fixed_view

from tui.app import TextauditApp


async def test_the_example_is_the_first_row_enter_lists(pinned_result, journal_path):
    view = fixed_view(pinned_result.dataset)
    flagged = np.flatnonzero(view.flags["label"])
    view.scores["label"][flagged] = np.linspace(0.1, 0.01, len(flagged))  # later rows score lower
    view.given[flagged[1:3]], view.predicted[flagged[1:3]] = view.given[flagged[0]], view.predicted[flagged[0]]
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await press_on(pilot, "label", "c")
        scores = app.view.scores["label"]
        groups = [g for g in screen.groups if len(g.rows) > 1]
        assert any(scores[g.rows].argmin() != 0 for g in groups)  # the lowest row number is not the example
        table = screen.query_one("#confusions", DataTable)
        for index, group in enumerate(screen.groups):
            best = int(group.rows[scores[group.rows].argmin()])
            cell = str(table.get_row_at(index)[-1])
            assert cell.rstrip("…") and " ".join(str(app.view.texts[best]).split()).startswith(cell.rstrip("…")), \
                (index, cell, app.view.texts[best])
        moved = next(i for i, g in enumerate(screen.groups) if len(g.rows) > 1 and scores[g.rows].argmin() != 0)
        table.move_cursor(row=moved)
        await pilot.press("enter")
        await settle(pilot)
        listed = app.screen.row_list
        assert int(listed.order[0]) == int(screen.groups[moved].rows[scores[screen.groups[moved].rows].argmin()])


async def test_a_label_change_shows_the_row_its_list_opens_on(ml_app):
    """Multi-label demo in tmux: '-fraud' showed 'The app crashes every time I open it ...' while
    enter listed its rows from 'How long does a refund for a cancelled jacket take?' (0.044)."""
    async with ml_app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        screen = ml_app.screen
        scores = ml_app.view.scores["label"]
        moved = [i for i, c in enumerate(screen.changes) if scores[c.rows].argmin() != 0]
        assert moved  # a change whose lowest row number is not its lowest score
        table = screen.query_one("#confusions", DataTable)
        for index, change in enumerate(screen.changes):
            best = " ".join(str(ml_app.view.texts[int(change.rows[scores[change.rows].argmin()])]).split())
            cell = str(table.get_row_at(index)[-1]).rstrip("…")
            assert cell and best.startswith(cell), (index, cell, best)
        table.move_cursor(row=moved[0])
        await pilot.press("enter")
        await settle(pilot)
        change = screen.changes[moved[0]]
        assert int(ml_app.screen.row_list.order[0]) == int(change.rows[scores[change.rows].argmin()])
