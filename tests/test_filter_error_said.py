"""A filter that does not parse says why in full when entered.

Seen in tmux at 80x24 (AG News): '/re:(abc' enter put 'filter: bad regex '(abc'…' at the end of
the title bar, the reason ('missing ) at position 4') cut off, and nothing else said it.
"""

from __future__ import annotations

import pytest
from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize(("query", "reason"), [("re:(abc", "missing ) at position 4"),
                                               ('"an open quote', "phrase that is not closed")])
async def test_a_bad_filter_says_its_reason_on_enter(pinned_result, journal_path, query, reason):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issue(pilot, "label")
        shown = len(screen.row_list.order)
        await pilot.press("slash", *query, "enter")
        await settle(pilot)
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any(reason in message for message in errors), errors
        assert len(screen.row_list.order) == shown  # nothing filtered, as before


async def test_a_good_filter_says_nothing_more(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("slash", *"re:^how", "enter")
        await settle(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
