"""An undo (or go-to) of a flagged row that only the filter hides: the list switched from 'flagged'
to 'all rows' on the way, then listed the row past the filter, so after '/given:A', '*', 'x', enter,
'/given:B', 'u' the list held every B row (41 of 600 all rows), not B's 13 flagged ones (found in tmux,
hostile23b). The widening steps over 'f' when the row is flagged: the row is listed past the filter,
the list stays 'flagged'."""

from __future__ import annotations

import numpy as np
from pilot_helpers import filter_rows, journal_lines, open_goto, open_issue, settle, wait_until
from tui_synthetic import fixed_app


async def test_undo_of_a_flagged_row_hidden_by_the_filter_keeps_the_flagged_list(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        view = app.view
        flagged = view.flagged("label")
        await pilot.press("x")  # the flagged row under the cursor
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the x")
        row = journal_lines(journal)[0]["row"]
        others = [int(r) for r in flagged if view.given[r] != view.given[row]]
        assert others, "the fixture needs a flagged row of another class"
        other = view.class_names[int(view.given[others[0]])]
        await filter_rows(pilot, f"given:{other}")
        assert not screen.show_all and row not in screen.row_list.order.tolist()
        await pilot.press("u")
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 2, "the undo")
        await settle(pilot)
        assert row in screen.row_list.order.tolist()
        assert not screen.show_all, "the list switched to every row"
        assert "but row" in " · ".join(screen.title_parts())


async def test_goto_a_flagged_row_hidden_by_the_filter_keeps_the_flagged_list(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        view = app.view
        flagged = [int(r) for r in view.flagged("label")]
        first = view.given[flagged[0]]
        target = next(r for r in flagged if view.given[r] != first)
        await filter_rows(pilot, f"given:{view.class_names[int(first)]}")
        await open_goto(pilot)
        await pilot.press(*str(target), "enter")
        await wait_until(pilot, lambda: target in screen.row_list.order.tolist(), "the go-to")
        assert not screen.show_all
        assert np.count_nonzero(np.isin(screen.row_list.order, flagged)) == screen.row_list.order.size
