"""banking77's label issues at 120x40 cut 42 of its 77 class names to 18 cells in Given and Suggested while an
(often empty) Decision column beside them kept 20 (session 34's walkthrough): the label columns now take the
Decision column's cells past DECISION_LEAST first (82e7cb0). Since ui37 the Decision column keeps, from the start,
what '→ ' and the longest name need, bounded by its own width, and lends only the rest, so deciding rows moves no
column (tests/test_decision_column_holds_still.py): with these 39-cell names it keeps its 20 cells at 120 columns
(Given and Suggested 18 and 19, as before 82e7cb0); at 80x24 it is left out, as before; at 200x50 the label columns
take the text's spare cells, 38 each (the 39-cell name cut by one cell: it was whole).
Since walk40 this is the width once a row of the table is relabelled; an undecided table's Decision column keeps its
title's cells only (tests/test_decision_column_follows_table.py), so these cases relabel a row first. Since loop43a the
Decision column takes its width from the text, the text keeping a third (min_text_width): at 120 columns Given and
Suggested keep 23 and 24 cells beside its 19, and at 200 the label columns grow to 40 beside its 20."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import RowList, min_text_width

NAMES = ["balance_not_updated_after_bank_transfer", "wrong_exchange_rate_for_cash_withdrawal",
         "card_payment_wrong_exchange_rate", "exchange_rate", "top_up_limits", "card_linking",
         "transfer_not_received_by_recipient"]  # 39 cells at most, as banking77 test's longest but one


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_label_columns_take_the_decision_columns_cells_first(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=size) as pilot:
        app.open_issue("label")
        await settle(pilot)
        rows = app.screen.query_one("#rows", RowList)
        row = int(rows.order[0])
        app.screen.relabel_rows([row], (int(app.screen.view.given[row]) + 1) % len(app.screen.view.class_names))
        await pilot.pause()
        total = rows.scrollable_content_region.width
        columns, widths = rows.layout(total)
        width = dict(zip([c.key for c in columns], widths, strict=True))
        assert width["text"] >= min_text_width(total), width
        if size == (80, 24):
            assert "decision" not in width and width["given"] == 18, width  # as before
        elif size == (120, 40):
            assert width["decision"] == 19 and (width["given"], width["suggested"]) == (23, 24), width
            assert width["text"] == min_text_width(total), width
        else:
            assert width["given"] >= 38 and width["suggested"] >= 38, width  # to the text's share
            assert width["decision"] == 20, width
