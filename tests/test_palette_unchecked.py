"""The command palette says an issue type whose check did not run is 'not checked', as the summary
table does (7de1664), not '0 flagged'."""

from __future__ import annotations

from tui.app import TextauditApp
from tui.view import ISSUE_TITLES


async def test_the_palette_says_not_checked(pinned_result, tmp_path):
    from tui_synthetic import fixed_view

    view = fixed_view(pinned_result.dataset)
    del view.counts["non_iid"]  # as AuditView.from_result leaves a check that did not run
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
    assert helps[f"Open: {ISSUE_TITLES['non_iid']}"] == "not checked"
    assert helps[f"Open: {ISSUE_TITLES['label']}"] == f"{view.counts['label']:,} flagged"
