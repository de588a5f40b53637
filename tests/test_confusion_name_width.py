"""On a wide terminal the confusion navigator draws long class names whole.

Seen in tmux at 200 columns on banking77 train: every name was cut to 24 cells
('balance_not_…nk_transfer', 'card_payment…_recognised') beside a 127-cell example column.
At 80 columns the names keep their 18 cells.
"""

from __future__ import annotations

import pytest
from pilot_helpers import press_on
from rich.cells import cell_len
from textual.widgets import DataTable
from tui_synthetic import fixed_app

from tui.app import TextauditApp

LONG = ["balance_not_updated_after_bank_transfer", "direct_debit_payment_not_recognised",
        "card_payment_not_recognised", "balance_not_updated_after_cheque_or_cash_deposit"]


def long_named_app(result, journal_path) -> TextauditApp:
    return fixed_app(result, journal_path, lambda i: LONG[i % len(LONG)] + f"_{i}")


def table_lines(screen) -> list[str]:
    table = screen.query_one("#confusions", DataTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def test_a_wide_terminal_draws_the_names_whole(pinned_result, journal_path):
    app = long_named_app(pinned_result, journal_path)
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await press_on(pilot, "label", "c")
        lines = table_lines(screen)
        assert max(cell_len(line) for line in lines) <= 200
        group = screen.groups[0]
        given, suggested = (app.view.shown_names[c] for c in (group.given, group.suggested))
        assert given in lines[1] and suggested in lines[1], lines[1]
        assert "…" not in lines[1].split(suggested)[0], lines[1]  # neither name cut


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_names_still_leave_the_example_room(pinned_result, journal_path, size):
    app = long_named_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        screen = await press_on(pilot, "label", "c")
        lines = table_lines(screen)
        assert max(cell_len(line) for line in lines) <= size[0]
        name_width, example_width = screen.widths(max(cell_len(n) for n in app.view.shown_names))
        assert name_width <= (size[0] - 24) // 3 and example_width >= name_width, (name_width, example_width)
