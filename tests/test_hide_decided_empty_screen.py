"""d on a screen that lists no row at all does not say every entry has a decision.

Seen in tmux (loop42, banking77 train): the Null / empty text screen (0 flagged) said 'No row
has empty or missing text.' and, after d, 'every entry here has a decision: d shows them again'
under it: there is no entry, and d shows nothing again. Where entries exist and d hid them all,
the line stays.
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import open_from_summary, settle, wait_until
from tui_synthetic import fixed_view

from tui.app import TextauditApp


@pytest.fixture
def app(pinned_result, tmp_path) -> TextauditApp:
    return TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=fixed_view(pinned_result.dataset))


@pytest.fixture
def no_null_app(pinned_result, tmp_path) -> TextauditApp:
    """The demo with no null row flagged (banking77 has none): the Null screen lists no entry."""
    view = fixed_view(pinned_result.dataset)
    view.flags["null"] = np.zeros(len(view), dtype=bool)
    view.counts["null"] = 0
    return TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)


async def press_d(pilot, screen) -> None:
    await pilot.press("d")
    await wait_until(pilot, lambda: screen.hide_decided and not screen.row_list.pending, "the list without decided rows")
    await settle(pilot)


async def test_d_on_a_screen_with_no_rows_says_nothing_of_decisions(no_null_app):
    app = no_null_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "null" in app.view.issue_types and not app.view.flagged("null").size
        screen = await open_from_summary(pilot, "null")
        await press_d(pilot, screen)
        assert not len(screen.row_list.order)
        assert "has a decision" not in screen.row_list.empty_text, screen.row_list.empty_text


async def test_d_after_every_row_is_decided_still_says_so(app):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_summary(pilot, "label")
        await pilot.press("asterisk", "o")
        await pilot.pause()
        await pilot.press("y")  # the bulk confirmation
        await wait_until(pilot, lambda: all(screen.book.codes[int(r)] for r in screen.row_list.order),
                         "every row decided")
        await settle(pilot)
        await press_d(pilot, screen)
        assert not len(screen.row_list.order)
        assert "every entry here has a decision" in screen.row_list.empty_text
