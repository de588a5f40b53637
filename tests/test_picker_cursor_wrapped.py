"""A label picker option that wraps carries one ▶, on its first line.

Seen in tmux on banking77 test at 80x24: l on a near-duplicate set drew
'▶ top_up_by_card_charge   0.861  (given,' and under it '▶ suggested)': two cursors. A class's line
no longer wraps (its name is cut, ui35), nor a long new class's '(confirm next)' line (ui35b); one that names a
spelling like it takes two lines where the names do not fit one (ui36).
"""

from __future__ import annotations

from pilot_helpers import StyledDialogHost

from tui.screens.label_picker import LabelPicker

NAMES = ["top_up_by_card_charge_and_then_some_more_words", "card_lost", "check_balance"]
LONG_NEW = "zz_a_new_class_named_at_such_length_that_its_line_wraps"


async def test_a_wrapped_option_has_one_cursor():
    picker = LabelPicker(NAMES, current=0, suggested=0, text="Are there fees for top ups?", probs=[0.861, 0.1, 0.039],
                         new_class=lambda name: None, query=LONG_NEW,  # nothing matches: the new class highlighted
                         undone=[LONG_NEW.upper()])  # '(like ZZ_A_NEW…, undone: check the spelling)'
    async with StyledDialogHost(picker).run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        options = pilot.app.screen.query_one("#picker-options")
        lines = [options.render_line(y).text for y in range(options.size.height)]
        first = [i for i, line in enumerate(lines) if "+ new class" in line][0]
        assert "check the spelling)" in "".join(lines[first:first + 4])
        assert lines[first + 1].strip() and "check the spelling)" not in lines[first]  # the option wrapped
        assert sum(line.startswith("▶") for line in lines) == 1
        assert lines[first].startswith("▶")
