"""`:` to a row that the screen cannot list keeps the dialog open and says why there, so the keys
typed next go to the dialog, not to a row; a row that only the filter hides is listed all the same.

Seen in tmux on the demo: on the near-duplicates, `:0⏎x` (row 0 is in no set) closed the dialog
with 'row 0 is not on this screen (it is in no near-duplicate set)' and the x excluded row 88, the
member under the cursor; `/refund⏎` then `:125⏎x` (a set the filter hides) said 'does not match the
filter refund' and excluded row 160; on More like row 160, `:3⏎x` excluded row 160 and the notice
spoke of near-duplicate sets.
"""

from __future__ import annotations

import numpy as np
from pilot_helpers import filter_rows, journal_lines, open_goto, open_issue, settle, wait_until
from textual.widgets import Input, Label
from tui_synthetic import fixed_app

from tui.screens.goto_dialog import GotoDialog
from tui.screens.more_like_this import MoreLikeThisScreen


async def goto_then_x(pilot, row: int) -> None:
    """':' then the row, enter and x in one go (typed ahead), then let every key be handled."""
    await open_goto(pilot)
    await pilot.press(*str(row), "enter", "x")
    await settle(pilot)


async def assert_refused_in_the_dialog(pilot, row: int, journal, why: str) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: not isinstance(app.screen, GotoDialog)
                     or app.screen.query_one("#goto-query", Input).value == f"{row}x", "the x typed into the dialog")
    await wait_until(pilot, lambda: isinstance(app.screen, GotoDialog) or journal_lines(journal), "the x", 5)
    assert isinstance(app.screen, GotoDialog), f"the dialog closed; the x wrote {journal_lines(journal)}"
    assert journal_lines(journal) == []
    await pilot.press("backspace", "enter")  # the reason is shown for the row asked for
    await pilot.pause()
    said = str(app.screen.query_one("#goto-error", Label).render())
    assert why in said, said
    await pilot.press("escape")
    await settle(pilot)
    assert not isinstance(app.screen, GotoDialog) and journal_lines(journal) == []


async def test_a_row_in_no_near_duplicate_set(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        outside = next(r for r in range(len(app.view)) if r not in screen.set_of_row)
        await goto_then_x(pilot, outside)
        await assert_refused_in_the_dialog(pilot, outside, journal,
                                           f"row {outside:,} is not on this screen (it is in no near-duplicate set)")


async def test_a_row_not_among_more_like_this(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        rows = np.asarray([5, 9, 14], dtype=np.int64)
        app.push_screen(MoreLikeThisScreen(app.view, app.book, rows, np.asarray([1.0, 0.9, 0.8]), "More like row 5"))
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, MoreLikeThisScreen) and app.screen.busy is None,
                         "the more-like-this list")
        await goto_then_x(pilot, 3)
        await assert_refused_in_the_dialog(pilot, 3, journal, "row 3 is not among the 3 rows of this list (More like row 5)")


async def test_a_near_duplicate_set_the_filter_hides_is_listed(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        view = app.view
        target = 0
        labels = {int(view.given[r]) for r in screen.sets[target]}
        other = next(c for c in range(len(view.class_names)) if c not in labels)
        await filter_rows(pilot, f"given:{view.class_names[other]}")
        assert target not in screen.row_list.order.tolist()
        row = int(screen.sets[target][-1])
        await goto_then_x(pilot, row)
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the x to be written")
        assert journal_lines(journal)[0]["row"] == row, journal_lines(journal)
        assert f"but row {row:,}" in " · ".join(screen.title_parts())


async def test_a_row_not_among_a_more_like_this_list_of_one(pinned_result, tmp_path):
    """'the 1 rows of this list' (review30): one row is counted in the singular."""
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        app.push_screen(MoreLikeThisScreen(app.view, app.book, np.asarray([5], dtype=np.int64), np.asarray([1.0]),
                                           "More like row 5"))
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, MoreLikeThisScreen) and app.screen.busy is None,
                         "the more-like-this list")
        await goto_then_x(pilot, 3)
        await assert_refused_in_the_dialog(pilot, 3, journal, "row 3 is not among the 1 row of this list (More like row 5)")
