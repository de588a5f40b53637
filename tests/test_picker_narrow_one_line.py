"""At 60 columns the label picker keeps each class on one line (only a name longer than the room
wraps).

Seen in tmux on banking77 test at 60x24 (ui25): l on the label screen listed
'pending_transfer' with '0.904  (suggested)' on the line below, and so every class: the names were
padded to at least 40 cells (banking77's longest has 39), more than the dialog's 50 cells leave
beside a probability and a note, so each line wrapped and half the classes were shown.
"""

from __future__ import annotations

from pilot_helpers import open_issue
from textual.widgets import OptionList
from tui_synthetic import fixed_app

from tui.screens.label_picker import LabelPicker

LONG = "balance_not_updated_after_bank_transfer"  # 39 cells, banking77's longest test name


async def test_short_names_keep_their_probability_on_their_line_at_60_columns(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path, lambda i: LONG if i == 0 else f"class_{i}")
    async with app.run_test(size=(60, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LabelPicker)
        options = picker.query_one("#picker-options", OptionList)
        lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
        shorts = [line for line in lines if "class_" in line]
        assert len(shorts) == len(app.view.class_names) - 1, lines  # every short class shown
        assert all("0." in line for line in shorts), lines  # its probability beside it, not below
        assert not [line for line in lines if line.strip().startswith("(")], lines  # nor its note
        assert any("(suggested)" in line and "0." in line for line in lines), lines
