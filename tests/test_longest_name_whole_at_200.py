"""banking77 at 200 columns: its longest class name, balance_not_updated_after_bank_transfer (39
cells), was cut by one cell in Given ('balance_not_updated…fter_bank_transfer') and by two in
Suggested (ui26/ui27, tmux, the label screen), while the text kept its 45% (GROW_TEXT_SHARE; a
fix that took the cells from the text was reverted). Now the Decision column, empty until rows are
decided and growing last, lends its two cells beyond a name's base width ('→ ') to label columns
that grew and are still short; and Suggested's extra cell, kept for a relabel's arrow, is not grown
into where the Decision column shows (the arrow is drawn there). The 48-cell name stays cut: the
label columns grow to 40 cells at most. Since ui35 the Decision column lent every cell past DECISION_LEAST to
the label columns still short; since ui37 it keeps, from the start, what its widest decision ('→ ' and the longest
name) needs, bounded by its own 20 cells, so the columns hold still as rows are decided
(tests/test_decision_column_holds_still.py): at 200 columns the 39-cell name is one cell short again, whole at 202.
Since walk40 that is once a row of the table is relabelled (these cases relabel one); an undecided table's Decision
column keeps its title's cells only (tests/test_decision_column_follows_table.py). Since loop43a the Decision column
takes its 20 cells from the text, the text keeping a third (min_text_width), so the label columns keep the cells it
lent them: 40 at 200 columns, the 39-cell name whole."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import RowList, min_text_width

LONGEST = "balance_not_updated_after_bank_transfer"  # 39 cells
NAMES = [LONGEST, "balance_not_updated_after_cheque_or_cash_deposit", "pending_transfer", "transfer_timing",
         "card_payment_wrong_exchange_rate", "exchange_rate", "top_up_failed", "declined_card_payment"]


async def _widths(app, pilot, issue_type: str) -> tuple[dict[str, int], int]:
    app.open_issue(issue_type)
    await settle(pilot)
    rows = app.screen.query_one("#rows", RowList)
    row = int(rows.order[0])  # a relabel in the table: the Decision column keeps its widest decision's cells
    app.screen.relabel_rows([row], (int(app.screen.view.given[row]) + 1) % len(app.screen.view.class_names))
    await pilot.pause()
    total = rows.scrollable_content_region.width
    columns, widths = rows.layout(total)
    return dict(zip([c.key for c in columns], widths, strict=True)), total


@pytest.mark.parametrize(("size", "cut"), [((200, 50), 0), ((202, 50), 0)])
async def test_the_longest_name_is_whole_in_given_and_suggested(pinned_result, journal_path, size, cut):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=size) as pilot:
        width, total = await _widths(app, pilot, "label")
        assert width["given"] == width["suggested"] == 40 >= len(LONGEST) - cut, width  # the 40 cells they grow to
        assert width["text"] >= min_text_width(total), (width, total)  # 86 at 200: a third and more
        assert width["decision"] == 20, width  # '→ ' and 18 cells of a name, as a label column's base
        header = app.screen.query_one("#rows", RowList).render_line(0).text
        assert "Decision" in header, header


async def test_without_spare_cells_for_the_names_the_text_keeps_its_width(pinned_result, journal_path):
    """At 120 columns the text has no cells to spare but those past a third: the label columns keep 23 and 24 cells
    beside the Decision column's 19 (18/19/20 as until ui35; 22/23/12 from then, 19/20/18 once a row was relabelled,
    until ui37; 18/19/20 once relabelled until loop43a)."""
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=(120, 40)) as pilot:
        width, total = await _widths(app, pilot, "label")
        assert width["text"] == min_text_width(total) == total - 2 - 5 - (23 + 24 + 7 + 19), width  # a space each
        assert (width["given"], width["suggested"], width["decision"]) == (23, 24, 19), width
