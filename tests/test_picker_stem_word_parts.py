"""A typed word's stem drops its ending, never a whole part after a '_': on banking77 (walk35, tmux) a new class
typed whole, 'disposable_card_purposes', ran as its stem 'disposable_card_' in disposable_card_limits, which kept
the highlight, and enter relabelled the row to disposable_card_limits with no new-class confirmation."""

from __future__ import annotations

from pilot_helpers import label_picker, ranked

NAMES = ["disposable_card_limits", "get_disposable_virtual_card", "card_arrival", "top_up_limits",
         "lost_or_stolen_card"]


async def test_a_new_name_typed_whole_is_not_taken_for_a_class_sharing_its_first_parts():
    async with label_picker(NAMES, new_class=lambda name: None) as picker:
        listed = ranked(picker, "disposable_card_purposes")
        options = picker.query_one("#picker-options")
        assert not any(line.startswith("disposable_card_limits") for line in listed), listed
        assert options.get_option_at_index(options.highlighted).id == "new-class", listed
        # endings still go: a part's own last letters, as before
        assert ranked(picker, "card_arrive")[1].startswith("card_arrival")
        assert ranked(picker, "top_up_limit")[1].startswith("top_up_limits")
