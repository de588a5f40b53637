"""The Decision column moves the other columns at most once per table: at its first relabel (and back at that
relabel's undo); deciding, undoing and redoing rows otherwise leave every column's width as it was. It followed
the widest decision made (13509f6): banking77 at 120 columns went Given/Suggested/Decision 22/23/12 -> 19/20/18 ->
18/19/20 as rows were relabelled, the names being judged cut shorter under the cursor at each (walk36). Since
walk40 an undecided table's Decision column kept only its title's cells until the first relabel; since loop43a it
takes its width from the text from the start, and no column moves at all (tui/decision_column.py)."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import DECISION_LEAST, RowList

LONG = ["balance_not_updated_after_bank_transfer", "wrong_exchange_rate_for_cash_withdrawal", "pending_transfer",
        "exchange_rate", "top_up_limits", "card_linking", "transfer_not_received_by_recipient"]
SHORT = ["World", "Sports", "Business", "Sci/Tech"]  # ag_news: every decision fits DECISION_LEAST


def _widths(rows: RowList) -> dict[str, int]:
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return dict(zip([c.key for c in columns], cells, strict=True))


@pytest.mark.parametrize(("names", "size"), [(LONG, (120, 40)), (LONG, (200, 50)), (SHORT, (120, 40))])
async def test_deciding_rows_moves_no_column_after_the_first_relabel(pinned_result, journal_path, names, size):
    app = fixed_app(pinned_result, journal_path, name=lambda i: names[i % len(names)])
    async with app.run_test(size=size) as pilot:
        app.open_issue("label")
        await settle(pilot)
        screen = app.screen
        rows = screen.query_one("#rows", RowList)
        undecided = _widths(rows)
        screen.decide([("exclude", int(rows.order[3]), None)])  # no relabel yet: nothing moves
        await pilot.pause()
        assert _widths(rows) == undecided, (undecided, _widths(rows))
        longest = max(range(len(names)), key=lambda i: len(names[i]))
        shortest = min(range(len(names)), key=lambda i: len(names[i]))
        screen.relabel_rows([int(rows.order[0])], shortest)  # the table's first relabel: the one move
        await pilot.pause()
        before = _widths(rows)
        assert before["text"] == undecided["text"], (undecided, before)  # the text never pays
        screen.relabel_rows([int(rows.order[1])], longest)
        screen.decide([("exclude", int(rows.order[2]), None)])
        await pilot.pause()
        assert _widths(rows) == before, (before, _widths(rows))  # 13509f6: Decision 12 -> 18 -> 20
        lines = [rows.render_line(y).text for y in range(1, 6)]
        assert all(len(line.rstrip()) <= rows.scrollable_content_region.width for line in lines), lines
        assert any("✗ excluded" in line for line in lines), lines
        screen.action_undo()
        await settle(pilot)
        screen.action_undo()
        await settle(pilot)
        assert _widths(rows) == before, (before, _widths(rows))  # the first relabel still stands
        screen.action_undo()  # and now goes: the table holds no relabel again
        await settle(pilot)
        assert _widths(rows) == undecided, (undecided, _widths(rows))
        if names is SHORT:  # every decision fits: no cell more than DECISION_LEAST, every name whole, nothing moves
            assert before == undecided and before["decision"] <= DECISION_LEAST, before
            assert before["given"] >= len("Sci/Tech"), before
        else:  # '→ ' and a 39-cell name, bounded by the column's own width (20), the text keeping a third (120: 19)
            assert before == undecided and before["decision"] >= 19, (undecided, before)
