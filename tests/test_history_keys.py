"""``u`` / ``ctrl+r`` on the report, confusion navigator, non-IID and re-audit screens undo and redo
the newest decision as the summary (6f92ebe) and every row screen do: they did nothing there and
said nothing (loop18). The screen the decision was made on opens with the cursor on its row. While
a re-audit runs they refuse and say why (it reads the journal as it was)."""

from __future__ import annotations

import pytest
from pilot_helpers import journal_lines, notices, settle, wait_until
from tui_synthetic import fixed_app

from tui.screens.non_iid import NonIidScreen
from tui.screens.reaudit import ReauditScreen


def open_other(app, name: str) -> None:
    if name == "report":
        app.action_open_report()
    elif name == "confusions":
        app.action_confusions()
    elif name == "non_iid":
        app.push_screen(NonIidScreen(app.view))
    else:
        screen = ReauditScreen("j.jsonl")
        app.push_screen(screen)
        screen.running = False  # its table shown: the keys act


@pytest.mark.parametrize("name", ["report", "confusions", "non_iid", "reaudit"])
async def test_undo_and_redo_on_a_screen_without_rows(pinned_result, journal_path, name):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("outlier")
        await settle(pilot)
        outliers = app.screen
        row = int(outliers.row_list.current_row)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude line")
        open_other(app, name)
        await settle(pilot)
        other = app.screen
        assert other is not outliers, name
        said = notices(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 2, f"the undo line on {name}")
        assert journal_lines(journal_path)[-1]["action"] == "undo" and not app.book.codes[row]
        await wait_until(pilot, lambda: app.screen is outliers, "the outlier screen")
        await settle(pilot)
        assert outliers.row_list.current_row == row
        assert any(f"undone: ✗ excluded on row {row:,} (Outliers)" in s for s in said), said
        open_other(app, name)
        await settle(pilot)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 3, f"the redo line on {name}")
        assert journal_lines(journal_path)[-1]["action"] == "redo" and app.book.codes[row]


async def test_undo_waits_for_a_running_reaudit(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("outlier")
        await settle(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the exclude line")
        app.push_screen(ReauditScreen("j.jsonl"))  # running until its result comes
        await settle(pilot)
        said = notices(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: said, "a word")
        assert "the re-audit is running: u after it ends" in said[-1]
        assert len(journal_lines(journal_path)) == 1
