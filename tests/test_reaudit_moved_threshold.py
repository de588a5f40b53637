"""After a threshold change (t), the re-audit says that its Before / After are the audits' own flags.

Seen in tmux on a banking77 slice: t, two rows more, enter: the summary said 9 label issues;
one accepted, R: the re-audit table said ``Label issues  Before 7``, with nothing to say why
the two screens disagreed.
"""

from __future__ import annotations

import pytest
from pilot_helpers import decide_and_leave, open_issue, settle
from test_tui_review_reaudit import finish
from textual.widgets import Static

from tui.app import TextauditApp


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


async def _reaudit_status(pilot, app, move: bool) -> str:
    await open_issue(pilot, "label")
    if move:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("right", "right", "enter")
        await settle(pilot)
    await decide_and_leave(pilot, "a")  # accept: one decision, so that R has corrections to apply
    await pilot.press("R")
    await finish(pilot, app)
    return " ".join(str(app.screen.query_one("#reaudit-status", Static).render()).split())


async def test_reaudit_names_the_moved_threshold(app, demo_result):
    default = int(demo_result.output.issues["is_label_issue"].sum())
    async with app.run_test(size=(100, 30)) as pilot:
        status = await _reaudit_status(pilot, app, move=True)
        assert int(app.view.flags["label"].sum()) == default + 2
    assert "not the thresholds moved with t" in status
    assert f"Label issues {default + 2:,} on the summary, {default:,} here" in status


async def test_reaudit_without_a_moved_threshold_says_nothing_of_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        status = await _reaudit_status(pilot, app, move=False)
    assert "Done in" in status
    assert "thresholds moved" not in status
