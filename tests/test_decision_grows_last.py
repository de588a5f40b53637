"""On a wide terminal the label columns take the spare cells before the Decision column: banking77
classes at 200 columns cut 'card_payment_wrong_exchange_rate' (32 cells) to 31 in Given and Top
class while an empty Decision column beside them had grown by 13 cells (the three shared alike)."""

from __future__ import annotations

from pilot_helpers import settle
from tui_synthetic import fixed_app

from tui.widgets.row_list import Column, RowList

LONG = 32  # card_payment_wrong_exchange_rate


def _widths(total: int) -> dict[str, int]:
    columns = [
        Column("text", "Text"),
        Column("given", "Given", 18, drop=1, grow=LONG - 18),
        Column("suggested", "Suggested", 18, drop=2, grow=LONG - 18),
        Column("score", "Score", 7, right=True, drop=3),
        Column("decision", "Decision", 20, drop=4, grow=LONG - 18, grow_late=True),
    ]
    shown, widths = RowList(columns, lambda row, key: "").layout(total)
    return {c.key: w for c, w in zip(shown, widths, strict=True)}


def test_the_label_columns_grow_first_and_alike():
    wide = _widths(197)
    assert wide["given"] == wide["suggested"] == LONG
    assert 20 <= wide["decision"] < LONG  # what is left
    mid = _widths(157)
    assert mid["decision"] == 20 and abs(mid["given"] - mid["suggested"]) <= 1 and mid["given"] > 18


async def test_a_long_class_name_is_whole_at_200_columns(pinned_result, journal_path):
    names = ["card_payment_wrong_exchange_rate", "exchange_rate", "exchange_via_app", "fiat_currency_support",
             "balance_not_updated_after_cheque_or_cash", "card_linking", "top_up_limits"]  # 40 cells: 22 to grow
    app = fixed_app(pinned_result, journal_path, name=lambda i: names[i % len(names)])
    async with app.run_test(size=(200, 50)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        rows = app.screen.query_one("#rows", RowList)
        columns, widths = rows.layout(rows.scrollable_content_region.width)
        width = dict(zip([c.key for c in columns], widths, strict=True))
        assert width["given"] >= LONG and width["suggested"] >= LONG, width  # Decision had taken 13
