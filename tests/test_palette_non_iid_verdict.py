"""The command palette's Non-IID line says the summary's verdict on the row order ('row order NOT
random'), not Datalab's count: on the demo it read 'Open: Non-IID · 1 flagged' beside the summary's
'NOT random' (walk37), and '0 flagged' where the labels run together."""

from __future__ import annotations

import pytest

from tui.app import TextauditApp
from tui.view import ISSUE_TITLES


@pytest.mark.parametrize("p_value, words", [(0.0, "NOT random"), (0.6, "looks random")])
async def test_the_palette_says_the_row_order_verdict(pinned_result, tmp_path, p_value, words):
    from tui_synthetic import fixed_view

    view = fixed_view(pinned_result.dataset)
    view.p_value = p_value
    view.label_order = None  # the texts' p-value alone decides (a grouped order says NOT random whatever it is)
    app = TextauditApp(pinned_result, journal_path=tmp_path / "j.jsonl", view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
        cell = app.screen.table_row("non_iid")[1]
    line = helps[f"Open: {ISSUE_TITLES['non_iid']}"]
    assert "flagged" not in line and words in line
    assert cell.lower() in line.lower() or (cell == "no" and line == "row order looks random")
    assert helps[f"Open: {ISSUE_TITLES['label']}"] == f"{view.counts['label']:,} flagged"
