"""The row pane's Suggested line says a suggestion already accepted is accepted: on the demo (tmux,
walk39) a row relabelled to its suggestion with a still read 'Suggested: card_lost (a label issue: a
accepts)' under 'decision: → card_lost', and a there answered 'row 119 is already → card_lost: nothing
written'."""

from __future__ import annotations

from pilot_helpers import journal_lines, open_issue, wait_until
from tui_synthetic import fixed_app


async def test_an_accepted_suggestion_reads_accepted(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        detail = lambda: str(screen.query_one("#detail-body").render())  # noqa: E731
        assert "(a label issue: a accepts)" in detail()
        await pilot.press("a")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the relabel in the journal")
        screen.row_list.move_cursor(screen.row_list.order.tolist().index(row))
        await wait_until(pilot, lambda: "decision:" in detail(), "the decided row in the pane")
        assert "(a label issue: accepted)" in detail() and "a accepts" not in detail(), detail()
        await pilot.press("u")  # undone: offered again
        await wait_until(pilot, lambda: "a accepts" in detail(), "the suggestion offered again")
