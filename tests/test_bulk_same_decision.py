"""The bulk dialog said '1 of them already has a decision: it is replaced' of a marked row that
already had the very decision asked for (tmux, banking77 test: a kept row and another marked, o):
nothing of that row is replaced. It now says so apart from rows whose decision is replaced."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app


async def test_a_row_with_the_same_decision_is_not_said_to_be_replaced(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("o", "up", "space", "space", "o")  # keep a row, then mark it and the next: keep both
        await pilot.pause()
        await pilot.pause()
        notes = str(app.screen.query_one("#bulk-notes").render())
        assert notes == "1 of them already has this decision (unchanged)", notes


async def test_replaced_and_unchanged_rows_are_counted_apart(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("o", "x", "up", "up", "space", "space", "space", "x")  # kept, excluded, undecided: exclude
        await pilot.pause()
        await pilot.pause()
        notes = str(app.screen.query_one("#bulk-notes").render())
        assert notes == ("1 of them already has a decision: it is replaced\n"
                         "1 of them already has this decision (unchanged)"), notes
