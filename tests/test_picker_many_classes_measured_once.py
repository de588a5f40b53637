"""The label picker measures its class names once, not once per line it draws (hostile42).

Each line's probability column asked longest_name(), which measured every class name: with 5,000 classes
(names of 2-8 words) a million cell_len calls a keystroke, the picker 17-21 s to open and typing
'accessories for cameras' 32-39 s (2 busy cores); after: 2.2 s and 9.2 s. Counted here, not timed."""

from __future__ import annotations

import itertools

from pilot_helpers import StyledDialogHost
from textual.widgets import OptionList

import tui.screens.label_picker as label_picker
from tui.screens.label_picker import LabelPicker

SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu"]


async def test_names_measured_once(monkeypatch) -> None:
    names = sorted(f"{a}{b} > {c}{d}" for a, b, c, d in itertools.islice(itertools.product(SYLLABLES, repeat=4), 600))
    measured: list[str] = []
    real = label_picker.cell_len

    def counted(text: str) -> int:
        measured.append(text)
        return real(text)

    monkeypatch.setattr(label_picker, "cell_len", counted)
    probs = [1 / len(names)] * len(names)
    app = StyledDialogHost(LabelPicker(names, current=0, suggested=1, probs=probs, text="a row's text"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        for key in "kalo":
            await pilot.press(key)
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count > 100  # 'kalo' lists many of the names
    by_name = sum(text in set(names) for text in measured)
    assert by_name <= 2 * len(names), f"{by_name} measures of {len(names)} names"
