"""``u`` and ctrl+r on the summary undo and redo as on every row screen.

tmux, banking77 test: decisions on the outlier and label screens, escape to the summary, then
``u``: nothing happened and nothing was said (the summary bound neither key). Now the newest
decision is taken back, the screen it was made on opens with the cursor on its row, and the
message says what and where, as a row screen's undo does.
"""

from __future__ import annotations

from pilot_helpers import journal_lines, notices, settle, wait_until
from tui_synthetic import fixed_app

from tui.screens.summary import SummaryScreen


async def test_undo_and_redo_from_the_summary(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("outlier")
        await settle(pilot)
        row = int(app.screen.row_list.current_row)
        await pilot.press("x", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        said = notices(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 2, "the undo line")
        assert journal_lines(journal_path)[-1]["action"] == "undo"
        await wait_until(pilot, lambda: getattr(app.screen, "issue_type", None) == "outlier", "the outlier screen")
        await settle(pilot)
        assert app.screen.row_list.current_row == row
        assert any(f"undone: ✗ excluded on row {row:,} (Outliers)" in s for s in said), said
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary again")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 3, "the redo line")
        assert journal_lines(journal_path)[-1]["action"] == "redo" and app.book.codes[row]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "nothing to redo" in said[-1]
