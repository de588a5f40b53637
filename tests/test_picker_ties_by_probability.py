"""Names a query matches equally are listed most probable first, as the empty query lists them.

Seen in tmux on banking77 test ('How do I top up my card?'): 'top up' listed the six top_up_* names
alphabetically, so enter would pick top_up_by_bank_transfer_charge (p=0.001) while the row's
likeliest of them, top_up_by_card_charge (0.038), sat second.
"""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

from tui.screens.label_picker import LabelPicker

NAMES = ["automatic_top_up", "top_up_by_bank_transfer_charge", "top_up_by_card_charge", "top_up_failed",
         "topping_up_by_card"]
PROBS = [0.025, 0.001, 0.038, 0.019, 0.705]


def names(picker: LabelPicker, query: str) -> list[str]:
    return [prompt.split()[0] for prompt in ranked(picker, query)]


async def test_equal_matches_come_most_probable_first():
    async with label_picker(NAMES, probs=PROBS) as picker:
        listed = names(picker, "top up")
        # a better match still comes first: the phrase at the name's start, then later, then apart
        assert listed == ["top_up_by_card_charge", "top_up_failed", "top_up_by_bank_transfer_charge",
                          "automatic_top_up", "topping_up_by_card"], listed
        assert names(picker, "card")[:2] == ["topping_up_by_card", "top_up_by_card_charge"]  # tied: 0.705 first


async def test_without_probabilities_the_names_keep_their_order():
    async with label_picker(NAMES, probs=None) as picker:
        assert names(picker, "top up")[:3] == ["top_up_by_bank_transfer_charge", "top_up_by_card_charge",
                                                   "top_up_failed"]
