"""banking77 at 200 columns: its longest class name, balance_not_updated_after_bank_transfer (39
cells), was cut by one cell in Given ('balance_not_updated…fter_bank_transfer') and by two in
Suggested (ui26/ui27, tmux, the label screen), while the text kept its 45% (GROW_TEXT_SHARE; a
fix that took the cells from the text was reverted). Now the Decision column, empty until rows are
decided and growing last, lends its two cells beyond a name's base width ('→ ') to label columns
that grew and are still short; and Suggested's extra cell, kept for a relabel's arrow, is not grown
into where the Decision column shows (the arrow is drawn there). The 48-cell name stays cut: the
label columns grow to 40 cells at most."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import GROW_TEXT_SHARE, RowList

LONGEST = "balance_not_updated_after_bank_transfer"  # 39 cells
NAMES = [LONGEST, "balance_not_updated_after_cheque_or_cash_deposit", "pending_transfer", "transfer_timing",
         "card_payment_wrong_exchange_rate", "exchange_rate", "top_up_failed", "declined_card_payment"]


async def _widths(app, pilot, issue_type: str) -> tuple[dict[str, int], int]:
    app.open_issue(issue_type)
    await settle(pilot)
    rows = app.screen.query_one("#rows", RowList)
    total = rows.scrollable_content_region.width
    columns, widths = rows.layout(total)
    return dict(zip([c.key for c in columns], widths, strict=True)), total


@pytest.mark.parametrize("size", [(200, 50), (202, 50)])
async def test_the_longest_name_is_whole_in_given_and_suggested(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=size) as pilot:
        width, total = await _widths(app, pilot, "label")
        assert width["given"] >= len(LONGEST) and width["suggested"] >= len(LONGEST), width
        assert width["text"] >= int(total * GROW_TEXT_SHARE), (width, total)  # the text keeps its share
        assert width["decision"] >= 18, width  # '→ ' and 16 cells of a decided name at least
        header = app.screen.query_one("#rows", RowList).render_line(0).text
        assert "Decision" in header, header


async def test_without_spare_cells_for_the_names_nothing_is_lent(pinned_result, journal_path):
    """At 120 columns the label columns do not grow (the text has no cells to spare): as before."""
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=(120, 40)) as pilot:
        width, _ = await _widths(app, pilot, "label")
        assert (width["given"], width["suggested"], width["decision"]) == (18, 19, 20), width
