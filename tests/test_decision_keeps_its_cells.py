"""The Decision column lends the label columns its cells past DECISION_LEAST (82e7cb0), but not those its
decisions need: at 120 columns a relabel read '→ pendin…fer' beside 22- and 23-cell names. It keeps the
widest decision among the listed rows, up to its own 20 cells, and lends the rest; an undo gives them back."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import DECISION_LEAST, RowList

NAMES = ["balance_not_updated_after_bank_transfer", "wrong_exchange_rate_for_cash_withdrawal", "pending_transfer",
         "exchange_rate", "top_up_limits", "card_linking", "transfer_not_received_by_recipient"]
PENDING, LONGEST = 2, 0


async def test_a_relabel_keeps_its_cells_and_an_undo_lends_them_again(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i % len(NAMES)])
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        screen = app.screen
        rows = screen.query_one("#rows", RowList)

        def widths() -> dict[str, int]:
            columns, cells = rows.layout(rows.scrollable_content_region.width)
            return dict(zip([c.key for c in columns], cells, strict=True))

        undecided = widths()
        assert undecided["decision"] == DECISION_LEAST and undecided["given"] == 22, undecided  # as 82e7cb0 lent
        position = next(p for p in range(1, 9) if all(int(screen.view.given[rows.order[q]]) not in (PENDING, LONGEST)
                                                     for q in (p, p + 1)))
        rows.move_cursor(position)
        screen.relabel_rows([int(rows.order[position])], PENDING)
        await pilot.pause()
        after = widths()
        assert after["decision"] == len("→ pending_transfer"), after  # it kept 12: '→ pendin…fer'
        assert after["text"] == undecided["text"] and after["given"] + after["suggested"] == 57 - 18, after
        assert rows.cursor == position + 1, rows.cursor  # the cursor went on to the next row, as before
        lines = [rows.render_line(y).text for y in range(1, 12)]
        assert any("→ pending_transfer" in line for line in lines), lines
        screen.relabel_rows([int(rows.order[position + 1])], LONGEST)
        await pilot.pause()
        assert widths()["decision"] == 20, widths()  # its own width at most: 18 cells of names + '→ '
        screen.action_undo()
        await settle(pilot)
        assert widths()["decision"] == 18, widths()
        screen.action_undo()
        await settle(pilot)
        assert widths() == undecided, widths()
