"""The label picker finds a class when a typed word ends otherwise than the name: on banking77
(tmux, 3,080 rows) 'card arrive' said 'no class matches' though card_arrival is there (the fuzzy
match wants every typed letter in order, and card_arrival has no 'e' after 'arriv'); so did
'lost stolen cards' and 'exchange rates'. A word that matches nothing is tried without its last
letters (a third of them at most); a name matching the words as typed still comes first."""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

NAMES = ["card_arrival", "card_delivery_estimate", "declined_card_payment", "exchange_rate", "exchange_charge",
         "lost_or_stolen_card", "lost_or_stolen_phone", "supported_cards_and_currencies", "transfer_timing"]


async def test_a_word_ending_otherwise_still_finds_the_class():
    async with label_picker(NAMES) as picker:
        assert ranked(picker, "card arrive")[0] == "card_arrival"
        assert ranked(picker, "lost stolen cards")[0] == "lost_or_stolen_card"
        assert ranked(picker, "exchange rates")[0] == "exchange_rate"
        assert ranked(picker, "declined payments")[0] == "declined_card_payment"
        # a name holding the word as typed ranks above the names only its stem matches
        assert ranked(picker, "cards")[0] == "supported_cards_and_currencies"
        assert ranked(picker, "xyzzy")[0].startswith("no class matches")
        assert ranked(picker, "timings") == ["transfer_timing"]
