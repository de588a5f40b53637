"""ctrl+z in a dialog: help, the export dialog, the label picker and the bulk confirmation are modal
screens, and Textual looks no further than a modal screen for non-priority app bindings, so ctrl+z
(README: 'anywhere in a terminal: suspend to the shell') did nothing there; in tmux the 'fg' typed
next went into the export dialog's path ('first3.corrected.csvfg', hostile23b). It is a priority
binding now, as ctrl+q and ctrl+c are."""

from __future__ import annotations

from pilot_helpers import open_issue, settle
from tui_synthetic import fixed_app


async def test_ctrl_z_suspends_from_every_dialog(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    calls: list[str] = []
    app.action_suspend_process = lambda: calls.append(type(app.screen).__name__)  # no SIGTSTP in a test
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for opener in ("question_mark", "e"):  # help, then the export dialog, over the summary
            await pilot.press(opener)
            await settle(pilot)
            await pilot.press("ctrl+z")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        await open_issue(pilot, "label")
        await pilot.press("l")  # the label picker
        await settle(pilot)
        picker = type(app.screen).__name__
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash")  # the filter, an input: worked before, still does
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert calls == ["HelpScreen", "ExportDialog", picker, "LabelIssuesScreen"], calls
