"""By given (or suggested) class, the confusion navigator gives the example the room the '(any)'
column does not use.

Seen in tmux on banking77 test at 80x24: `C`, `v` (by given class) drew '(any)' in a column sized
for a class name, and each example stopped at 18 cells with '…' beside 7 empty columns; by
suggested class 13 columns stood empty.
"""

from __future__ import annotations

import pytest
from pilot_helpers import press_on
from rich.cells import cell_len
from textual.widgets import DataTable
from tui_synthetic import fixed_app

LONG = ["balance_not_updated_after_bank_transfer", "direct_debit_payment_not_recognised",
        "card_payment_not_recognised", "balance_not_updated_after_cheque_or_cash_deposit"]
TEXT = "a long example text that does not fit in eighty columns of a terminal, not even close"


@pytest.mark.parametrize("views", [1, 2])  # v once: by given class; twice: by suggested class
async def test_the_example_fills_the_line(pinned_result, journal_path, views):
    app = fixed_app(pinned_result, journal_path, lambda i: LONG[i % len(LONG)] + f"_{i}")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_on(pilot, "label", "c", *["v"] * views)
        for row in screen.groups[0].rows:
            app.view.texts[row] = TEXT
        screen.fill()
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        lines = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
        assert "(any)" in lines[1], lines[1]
        assert max(cell_len(line) for line in lines) <= 80  # no sideways scroll
        assert lines[1].endswith("…") and cell_len(lines[1]) >= 76, lines[1]  # cut at the screen's edge
