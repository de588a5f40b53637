"""--label-names on a CSV whose labels pandas wrote as floats (1.0, 2.0: label 1 is named by '1=...'):
the filter's ``given:1`` and the picker's ``1`` found no class (only ``1.0`` did), though every
message about the names calls that class label 1."""

from __future__ import annotations

from textual.app import App

from tui.screens.label_picker import LabelPicker
from tui.widgets.filter_bar import parse_filter

NAMES = ["World", "Sports", "Business"]
VALUES = ["1.0", "2.0", "3.0"]


def test_the_filter_finds_a_whole_float_label_by_its_int() -> None:
    spec = parse_filter("given:2")
    assert spec.label_set(spec.given, NAMES, VALUES).tolist() == [1]
    assert spec.label_set("2.0", NAMES, VALUES).tolist() == [1]  # as spelled, as before
    assert spec.label_set("2", NAMES, ["1", "2", "3"]).tolist() == [1]
    assert spec.label_set("2.5", NAMES, VALUES).tolist() == []


class _Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int | None] = []

    def on_mount(self) -> None:
        self.push_screen(LabelPicker(NAMES, values=VALUES), self.chosen.append)


async def test_the_picker_finds_a_whole_float_label_by_its_int() -> None:
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.chosen == [2]
