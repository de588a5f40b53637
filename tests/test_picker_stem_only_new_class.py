"""A typed name that matches a class only through a fuzzy stem leaves the highlight on '+ new class': on
banking77 (walk37, tmux) 'card_fraud' highlighted card_payment_fee_charged (its stem 'card_fr' fuzzily:
c-a-r-d-_-f(ee_cha)-r(ged)) and enter relabelled a near-duplicate set to it, and on the demo 'refund_status'
highlighted the row's given refund_request ('refund_st' in refund_reque-s-t): enter wrote a keep. A new class
asks to be confirmed, so a slip there costs a key; a stem match relabelled without a word."""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

NAMES = ["card_payment_fee_charged", "card_arrival", "refund_request", "lost_or_stolen_card", "top_up_limits"]


def highlighted(picker) -> str:
    options = picker.query_one("#picker-options")
    return str(options.get_option_at_index(options.highlighted).id)


async def test_a_name_matched_only_by_a_fuzzy_stem_leaves_the_new_class_highlighted():
    async with label_picker(NAMES, new_class=lambda name: None) as picker:
        for typed in ("card_fraud", "refund_status"):
            listed = ranked(picker, typed)
            assert listed[0].startswith("+ new class"), listed
            assert highlighted(picker) == "new-class", (typed, listed)


async def test_a_class_matched_as_typed_keeps_the_highlight():
    async with label_picker(NAMES, new_class=lambda name: None) as picker:
        for typed, name in (("card_arival", "card_arrival"), ("card_arrive", "card_arrival"), ("crd arr", "card_arrival"),
                            ("top limit", "top_up_limits"), ("refund", "refund_request"),
                            ("lost stolen cards", "lost_or_stolen_card")):
            listed = ranked(picker, typed)
            assert highlighted(picker) == str(NAMES.index(name)), (typed, listed)
