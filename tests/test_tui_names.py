"""Class names cut to a width stay distinct (middle cut, distinguishing end kept)."""

from __future__ import annotations

import pytest

from tui.names import NameFitter, cut_middle

NAMES = [  # banking77's longest look-alikes
    "balance_not_updated_after_bank_transfer", "balance_not_updated_after_cheque_or_cash_deposit",
    "lost_or_stolen_card", "lost_or_stolen_phone", "card_payment_fee_charged", "card_payment_not_recognised",
    "card_payment_wrong_exchange_rate", "transfer_not_received_by_recipient", "transfer_fee_charged",
    "declined_card_payment", "declined_cash_withdrawal", "declined_transfer", "pending_card_payment",
    "pending_cash_withdrawal", "pending_top_up", "pending_transfer", "top_up_by_bank_transfer_charge",
    "top_up_by_card_charge", "top_up_by_cash_or_cheque", "cash",
]


def test_cut_middle_keeps_both_ends():
    assert cut_middle("lost_or_stolen_card", 17) == "lost_or_…len_card"
    assert cut_middle("cash", 17) == "cash"
    assert cut_middle("lost_or_stolen_card", 1) == "l"


@pytest.mark.parametrize("width", [12, 14, 18, 24])
def test_cut_names_stay_distinct(width):
    fitter = NameFitter(NAMES)
    cuts = [fitter.fit(name, width) for name in NAMES]
    assert len(set(cuts)) == len(NAMES)
    assert all(len(c) <= width for c in cuts)
    assert fitter.fit("lost_or_stolen_card", width) != fitter.fit("lost_or_stolen_phone", width)


async def test_the_class_chart_lists_look_alikes_apart_at_80_columns():
    from textual.app import App, ComposeResult

    from tui.widgets.charts import BarChart

    class ChartApp(App[None]):
        def compose(self) -> ComposeResult:
            yield BarChart(NAMES, list(range(len(NAMES), 0, -1)), id="chart")

    app = ChartApp()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        lines = app.query_one("#chart", BarChart).render().plain.splitlines()
        names = [line[: 80 // 3].strip() for line in lines]
        assert len(lines) == len(NAMES) and len(set(names)) == len(NAMES)
        assert any("…" in name for name in names)  # they were cut, and still differ
