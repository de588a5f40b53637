"""The set picker's notes stay whole in a narrow terminal: said short, then a long label is cut (walk33).

tmux at 50x16 on a 2,500-row debtags sample: a label's line in the set picker ended
'(p=0.01, likely …', the audit's word on the label cut off, while the label before it was whole.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pilot_helpers import DialogHost

import tui
from tui.screens.label_set_picker import LabelSetPicker

class StyledHost(DialogHost):
    """The dialog host with the app's stylesheet: the dialog as wide as the app draws it."""

    CSS_PATH = str(Path(tui.__file__).parent / "app.tcss")


NAMES = ["hardware::storage:cd-writer", "implemented-in::c", "interface::commandline",
         "works-with-format::plaintext", "use::configuring"]


def drawn(picker) -> list[str]:
    options = picker.query_one("#set-options")
    lines = ["".join(segment.text for segment in options.render_line(y)).rstrip()
             for y in range(options.scrollable_content_region.height)]
    return [line for line in lines if line.strip()]


async def test_notes_are_whole_at_50_columns_and_the_label_is_cut():
    probs = np.array([0.01, 0.93, 0.40, 0.02, 0.97])
    picker = LabelSetPicker(NAMES, given=(0, 1, 3), probs=probs, missing=(4,), extra=(0, 3))
    app = DialogHost(picker)
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = drawn(app.screen)
        assert len(lines) == len(NAMES), lines
        text = "\n".join(lines)
        # every note whole: said short where the line would not hold it ('wrong?'), never cut
        assert text.count("wrong)") + text.count("wrong?)") == 2, text
        assert text.count("missing)") + text.count("missing?)") == 1, text
        assert "implemented-in::c  (given)    0.93" in text, text  # a label that fits stays whole
        assert "use::configuring  (missing?)  0.97" in text, text  # the short note keeps the label whole
        first = next(line for line in lines if "cd-writer" in line)  # then the label is cut, not its notes
        assert "…" in first and first.endswith("cd-writer  (wrong?)  0.01"), text
        await pilot.press("space", "enter")  # the cut prompt still toggles the label it stands for
        await pilot.pause()
    assert app.results == [(1, 3)]


async def test_a_wide_terminal_shows_every_label_whole():
    picker = LabelSetPicker(NAMES, given=(0,), probs=np.full(len(NAMES), 0.5), missing=(4,), extra=(0,))
    app = DialogHost(picker)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = "\n".join(drawn(app.screen))
        assert all(name in text for name in NAMES) and "…" not in text, text


TAGS = [f"{space}::{word}" for space in ("culture", "interface", "implemented-in", "role", "use")
        for word in ("graphical", "commandline", "program", "converting")]


async def test_a_large_set_leaves_the_list_room_at_50_columns():
    """A given set of 10 long labels was spelled out under the list in 6 lines, and the list showed one
    option (tmux, debtags, 50x16): the set is said by its size and change where it takes over 3 lines."""
    given = tuple(range(0, 20, 2))
    app = StyledHost(LabelSetPicker(TAGS, given=given, probs=np.linspace(0, 1, len(TAGS))))
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert len(drawn(app.screen)) >= 3, drawn(app.screen)
        chosen = app.screen.query_one("#set-chosen")
        assert str(chosen.render()).startswith("set: 10 labels  (unchanged)"), chosen.render()
        await pilot.press("space")  # the first given label unticked: the change is said
        await pilot.pause()
        assert "9 labels" in str(chosen.render()) and "-" in str(chosen.render()), chosen.render()
    app = StyledHost(LabelSetPicker(TAGS, given=given[:2]))
    async with app.run_test(size=(50, 16)) as pilot:  # a small set is spelled out as before
        await pilot.pause()
        await pilot.pause()
        assert str(app.screen.query_one("#set-chosen").render()).startswith(f"set: {TAGS[0]}, {TAGS[2]}")
