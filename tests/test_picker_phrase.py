"""The label picker ranks a name that holds the typed words in order first: on banking77, 'cash
or' listed balance_not_updated_after_cheque_or_cash_deposit above top_up_by_cash_or_cheque (each
word is matched fuzzily on its own, and 'or' matches almost anywhere; seen in tmux)."""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

NAMES = ["balance_not_updated_after_cheque_or_cash_deposit", "cash_withdrawal_charge", "change_pin",
         "pending_card_payment", "pin_blocked", "top_up_by_cash_or_cheque", "topping_up_by_card",
         "wrong_exchange_rate_for_cash_withdrawal"]


async def test_the_typed_words_in_order_rank_first():
    async with label_picker(NAMES) as picker:
        assert ranked(picker, "cash or")[0] == "top_up_by_cash_or_cheque"
        assert ranked(picker, "Cash Or")[0] == "top_up_by_cash_or_cheque"
        # from a word's start only: 'pin' inside 'topping' is no phrase match
        assert ranked(picker, "pin")[:2] == ["pin_blocked", "change_pin"]
        # the fuzzy matches stay listed after the phrase matches
        assert "balance_not_updated_after_cheque_or_cash_deposit" in ranked(picker, "cash or")
