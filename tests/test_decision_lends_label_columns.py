"""banking77's label issues at 120x40 cut 42 of its 77 class names to 18 cells in Given and Suggested while an
(often empty) Decision column beside them kept 20 (session 34's walkthrough): the label columns now take the
Decision column's cells past DECISION_LEAST first. At 80x24 the Decision column is left out, as before; at
200x50 the names are whole."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import DECISION_LEAST, RowList, min_text_width

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
        total = rows.scrollable_content_region.width
        columns, widths = rows.layout(total)
        width = dict(zip([c.key for c in columns], widths, strict=True))
        assert width["text"] >= min_text_width(total), width
        if size == (80, 24):
            assert "decision" not in width and width["given"] == 18, width  # as before
        elif size == (120, 40):
            assert width["decision"] == DECISION_LEAST, width  # it had 20, the names 18 and 19
            assert width["given"] > 18 and 0 <= width["suggested"] - width["given"] <= 2, width
        else:
            assert width["given"] >= 39 and width["suggested"] >= 39, width  # whole
            assert width["decision"] >= DECISION_LEAST, width
