"""A new class typed as another spelling of a class's letters is said to be like it (hostile42).

'café' typed (composed, NFC, as keyboards type it) beside the class 'cafe\\u0301' (decomposed) was offered as
'+ new class: café  (confirm next)', without the '(like ...: check the spelling)' that 'Card Lost' beside
card_lost gets: enter on it made a second class drawn as the first."""

from __future__ import annotations

from pilot_helpers import StyledDialogHost
from textual.widgets import OptionList

from tui.screens.label_picker import LabelPicker


async def _new_class_line(names: list[str], typed: str) -> str:
    app = StyledDialogHost(LabelPicker(names, current=1, suggested=2, probs=[0.2, 0.3, 0.5], text="a cup",
                                       new_class=lambda name: None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in typed:
            await pilot.press(key)
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
    return next(line for line in lines if "+ new class" in line)


async def test_composed_typed_beside_decomposed_class() -> None:
    line = await _new_class_line(["cafe\u0301", "tea", "water"], "caf\u00e9")
    assert "like" in line and "check the spelling" in line, line


async def test_fullwidth_letters_beside_their_class() -> None:
    line = await _new_class_line(["tea", "water", "card"], "\uff43\uff41\uff52\uff44")  # ｃａｒｄ
    assert "like card" in line, line


async def test_another_name_is_not_like() -> None:
    line = await _new_class_line(["cafe\u0301", "tea", "water"], "coffee")
    assert "like" not in line, line
