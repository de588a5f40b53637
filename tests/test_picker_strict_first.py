"""The label picker lists only the names that hold a typed word (or its stem) as a run of letters
when some name does: on the demo (tmux, ui28) 'card' listed card_lost and exchange_rate, whose
letters hold the stem 'car' apart (e-x-C-h-A-nge_R-ate); on banking77 'card' listed 20 names
without 'card' in them (cash_withdrawal_not_recognised: C-A-sh_withd-R-awal_not_recognise-D) and
'pin' the four pending_* names. Letters apart still match where no name holds the word whole
('crd' finds card_lost), and a query no name matches word by word so is matched as before."""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

DEMO = ["card_lost", "change_pin", "check_balance", "close_account", "exchange_rate", "refund_request",
        "transfer_money"]
BANKING = ["cash_withdrawal_not_recognised", "change_pin", "card_arrival", "lost_or_stolen_card", "pending_card_payment",
           "pending_transfer", "pin_blocked", "supported_cards_and_currencies", "topping_up_by_card"]


async def test_a_word_some_name_holds_lists_only_those_names():
    async with label_picker(DEMO) as picker:
        assert ranked(picker, "card") == ["card_lost"]
        assert ranked(picker, "crd") == ["card_lost"]  # letters apart, where no name holds them in a run
        assert ranked(picker, "xyzzy")[0].startswith("no class matches")


async def test_letters_apart_are_dropped_beside_names_holding_the_word():
    async with label_picker(BANKING) as picker:
        assert "cash_withdrawal_not_recognised" not in ranked(picker, "card")
        assert "pending_transfer" not in ranked(picker, "pin")  # p-endIN-g
        assert ranked(picker, "pin")[:2] == ["pin_blocked", "change_pin"]
        assert set(ranked(picker, "cards")) >= {"card_arrival", "lost_or_stolen_card", "supported_cards_and_currencies"}
        assert ranked(picker, "lost stolen cards") == ["lost_or_stolen_card"]  # 'cards' by its stem's run


async def test_where_no_name_holds_every_word_so_letters_apart_match_again():
    async with label_picker(["top_up", "the_open_pending"]) as picker:
        # 'top' runs only in top_up, which lacks 'pend': T-he_O-P-en_pending matches both words
        assert ranked(picker, "top pend") == ["the_open_pending"]
