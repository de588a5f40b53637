"""At 80 columns the multi-label label screen has no Decision column: a row whose set was decided
otherwise than suggested says its decision in the Suggested cell, as the single-label screen does.

Seen in tmux (demo --multilabel, 80x24): row 132 (refund, suggested +app) set to {app, payment,
refund} with l read '→ ... +app' in the list, like an accept of the suggestion; only the pane's
header said '→ +app +payment'."""

from __future__ import annotations

from pilot_helpers import open_issue, settle

from tui.columns import DECISION


async def test_a_set_decided_otherwise_reads_so_in_the_list(ml_app):
    async with ml_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ml = ml_app.view.multilabel
        screen = await open_issue(pilot, "label")
        assert DECISION not in screen.row_list.shown_keys
        row = int(screen.row_list.order[0])
        suggestion = ml.suggestion_text(row)
        await pilot.press("l")
        await pilot.pause()
        picker = ml_app.screen
        chosen = set(picker.chosen)
        other = next(k for k in picker.order() if k not in ml.suggested(row) and k not in chosen)
        picker.query_one("#set-options").highlighted = picker.order().index(other)
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        cell = screen.cell(row, "suggested")
        assert cell != suggestion and cell.startswith("→"), (cell, suggestion)
        assert f"+{ml.names[other]}" in cell
        assert cell == ml_app.book.describe(row, ml_app.view.shown_names).replace("→ ", "→", 1)
