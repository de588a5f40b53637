"""An undecided table's Decision column keeps only its title's cells; the label columns take the rest (walk40).

banking77 test's Label issues at 120x40 cut Given and Suggested to 18 and 19 cells ('card_payment_wrong_exch…')
while the Decision column beside them kept 20 empty cells on every undecided row: since ef4e8f7 it kept, from the
start, what '→ ' and the longest name need. Now it keeps 'Decision ▼' (10 cells, '✗ excluded' whole) until a row
of the table is relabelled, and ef4e8f7's width from then on (tui/decision_column.py; the columns move at that
first relabel only: tests/test_decision_column_holds_still.py). Since loop43a the names keep those cells at the first
relabel too (loop42: 23 -> 18 cells, a layout jump): the Decision column takes its width from the text instead, from
the start, the text keeping a third of the list (min_text_width), and nothing moves."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import RowList, min_text_width

NAMES = ["card_payment_wrong_exchange_rate", "apple_pay_or_google_pay", "balance_not_updated_after_bank_transfer",
         "pending_transfer", "transfer_into_account", "extra_charge_on_statement", "exchange_rate",
         "card_linking"]  # banking77's; apple_pay_or_google_pay and transfer_into_account: 23 and 21 cells


@asynccontextmanager
async def _opened(pinned_result, journal_path, issue: str, size: tuple[int, int]):
    """The synthetic app with banking77's names, ``issue``'s list open: (pilot, screen, its RowList)."""
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=size) as pilot:
        app.open_issue(issue)
        await settle(pilot)
        yield pilot, app.screen, app.screen.query_one("#rows", RowList)


def _widths(rows: RowList) -> dict[str, int]:
    columns, cells = rows.layout(rows.scrollable_content_region.width)
    return dict(zip([c.key for c in columns], cells, strict=True))


async def test_an_undecided_label_table_gives_the_names_the_decision_columns_cells(pinned_result, journal_path):
    async with _opened(pinned_result, journal_path, "label", (120, 40)) as (pilot, screen, rows):
        width = _widths(rows)
        assert width["decision"] == 19 and width["text"] == min_text_width(120), width  # from the text, from the start
        assert (width["given"], width["suggested"]) == (23, 24), width  # were 18 and 19
        assert "Decision" in rows.render_line(0).text
        lines = [rows.render_line(y).text for y in range(1, len(rows.order) + 1)]
        whole = [name for name in NAMES if len(name) <= 23 and any(f" {name} " in line for line in lines)]
        assert "apple_pay_or_google_pay" in whole, lines  # 'apple_pay…google_pay' in 18 cells
        assert all(len(line.rstrip()) <= rows.scrollable_content_region.width for line in lines)
        screen.decide([("exclude", int(rows.order[0]), None)])
        await pilot.pause()
        assert _widths(rows) == width  # '✗ excluded' fits the title's cells
        assert "✗ excluded" in rows.render_line(1).text
        row = int(rows.order[1])
        screen.relabel_rows([row], next(k for k in (2, 3) if k != screen.view.given[row]))  # not its own label
        await pilot.pause()
        assert screen.book.describe(row, screen.view.shown_names).startswith("→ "), screen.book.describe(row, NAMES)
        assert _widths(rows) == width, (width, _widths(rows))  # the names keep their cells: 18 and 19 until loop43a
        drawn = [rows.render_line(y).text for y in range(1, 3)]
        assert any(" → " in line for line in drawn), drawn  # the relabel drawn in the Decision column


@pytest.mark.parametrize("issue", ["outlier", "label"])
async def test_at_200_columns_the_longest_name_is_whole_while_undecided(pinned_result, journal_path, issue):
    async with _opened(pinned_result, journal_path, issue, (200, 50)) as (_, _, rows):
        width = _widths(rows)
        assert width["given"] >= len("balance_not_updated_after_bank_transfer"), width  # 38: cut by one
        assert width["decision"] >= len("Decision ▼"), width


async def test_with_decided_rows_hidden_the_names_keep_the_cells(pinned_result, journal_path):
    """``d`` lists no decided row: nothing moves either (until loop43a the Decision column went back to its title's
    cells and the names took them, and came back at the next ``d``)."""
    async with _opened(pinned_result, journal_path, "label", (120, 40)) as (pilot, screen, rows):
        undecided = _widths(rows)
        row = int(rows.order[0])
        screen.relabel_rows([row], next(k for k in (2, 3) if k != screen.view.given[row]))
        await pilot.pause()
        relabelled = _widths(rows)
        assert relabelled == undecided and relabelled["decision"] == 19, relabelled
        await pilot.press("d")
        await settle(pilot)
        assert screen.hide_decided and row not in rows.order.tolist()
        assert _widths(rows) == undecided, (undecided, _widths(rows))
        await pilot.press("d")
        await settle(pilot)
        assert _widths(rows) == relabelled, (relabelled, _widths(rows))
