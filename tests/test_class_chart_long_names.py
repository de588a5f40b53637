"""The class chart at 200 columns (beside the issue table, about 100 cells): names were cut to a
third of it, banking77's 'balance_not_upda…r_bank_transfer' beside bars 52 cells long (ui27, tmux).
Names now take what leaves the bars a third of the width."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.charts import BarChart

LONG = "balance_not_updated_after_bank_transfer"  # 39 cells
NAMES = [LONG, "balance_not_updated_after_cheque_or_cash_deposit", "pending_transfer", "card_arrival",
         "exchange_rate", "top_up_failed", "declined_card_payment"]


async def test_long_class_names_are_whole_beside_the_table_at_200_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i])
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#class-chart", BarChart)
        lines = [chart.render_line(y).text for y in range(chart.size.height)]
        drawn = "\n".join(lines)
        assert f"{LONG} " in drawn, drawn
        widest = max(lines, key=lambda line: line.count("█"))
        assert widest.count("█") >= chart.size.width // 3 - 1, lines  # the bars keep a third


async def test_at_80_columns_the_bars_keep_a_third(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, name=lambda i: NAMES[i])
    async with app.run_test(size=(80, 60)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one("#class-chart", BarChart)
        lines = [chart.render_line(y).text for y in range(chart.size.height)]
        widest = max(lines, key=lambda line: line.count("█"))
        assert widest.count("█") >= chart.size.width // 3 - 1, lines
