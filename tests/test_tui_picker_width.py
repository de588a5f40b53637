"""The label picker at 80x24 draws each class on one line, with its probability and role, for
long class names too (banking77's 'card_payment_wrong_exchange_rate', 32 cells): at 70% of 80
columns, 'card_arrival  0.596  (suggested)' padded to the longest name wrapped onto two lines."""

from __future__ import annotations

from pilot_helpers import StyledDialogHost
from textual.widgets import OptionList

from tui.screens.label_picker import LabelPicker

NAMES = ["card_arrival", "card_delivery_estimate", "card_payment_wrong_exchange_rate", "lost_or_stolen_card",
         "pending_cash_withdrawal", "extra_charge_on_statement"]


async def test_each_class_is_one_line_at_80x24():
    app = StyledDialogHost(LabelPicker(NAMES, current=1, suggested=0, text="my card was not in the mail again",
                                       probs=[0.596, 0.020, 0.022, 0.184, 0.011, 0.006]))  # the app's styles: its width
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        await pilot.pause()
        assert options.option_count == len(NAMES)
        assert options.virtual_size.height == len(NAMES), options.virtual_size
