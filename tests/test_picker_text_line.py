"""The label picker's line of the row being labelled reads as the row list's Text cell (tui.terminal_text.list_cell): the
words on one line, or '∅ (empty text)' where the text is blank (tidy31: one spelling for the list, the bulk preview,
the near-duplicate sets and this line)."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Static

from tui.screens.label_picker import LabelPicker
from tui.terminal_text import list_cell


class PickerApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def on_mount(self) -> None:
        self.push_screen(LabelPicker(["a", "b"], text=self.text))


@pytest.mark.parametrize(("text", "line"), [
    (" \n\t ", "∅ (empty text)"), ("  two\n\nwords ", "two words"),
    (" " * 450 + "hello", "hello"),  # cut after the blanks go, as the list: not '∅ (empty text)'
])
async def test_the_text_line_reads_as_the_list_cell(text: str, line: str) -> None:
    app = PickerApp(text)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#picker-text", Static).render())
        assert shown == line == list_cell(text), shown


async def test_a_text_cut_to_two_lines_ends_in_an_ellipsis() -> None:
    """ui38: the tcss cut a long text to two lines with nothing where it was cut (banking77 row 1,103 lost 'it asap!')."""
    text = " ".join(f"word{i}" for i in range(60))
    app = PickerApp(text)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = app.screen.query_one("#picker-text", Static)
        lines = str(widget.render()).split("\n")
        assert len(lines) == 2 and lines[-1].endswith("…") and widget.size.height == 2, lines
        assert text.startswith(" ".join(lines)[:-1]), lines
        assert all(len(line) <= widget.content_region.width for line in lines)
