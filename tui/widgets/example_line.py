"""The cursor row's example under a navigator too narrow for an Example column.

The confusion and label-change navigators draw one example text per group in a column. At 50
columns that column got its minimum 12 cells and only 6 of them were on the screen ('expr -',
'tc-hfs'), the rest behind a sideways scroll (walk32, man pages in tmux). Where the column would
get fewer than ``MIN_EXAMPLE`` cells, the table drops it and this line shows the highlighted
group's example in full words, on up to ``LINES`` lines under a rule.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.terminal_text import list_cell

#: An Example column narrower than this shows two or three words: the example goes under the table.
MIN_EXAMPLE = 20
LINES = 2  # lines of text under the rule (app.tcss: #example-line's height is these and the rule)


def example_lines(heading: str, text: str, width: int, console) -> Text:
    """``heading`` in bold then ``text`` on one line, wrapped to ``width`` cells on at most
    ``LINES`` lines, the last cut with '…' where the text goes on."""
    line = Text.assemble((heading, "bold"), list_cell(text[:LINES * max(width, 1) * 4]))
    if width <= 0:
        return line
    lines = line.wrap(console, width, no_wrap=False, overflow="fold")
    if len(lines) <= LINES:
        return Text("\n").join(lines)
    shown = list(lines)[:LINES]
    last = shown[-1]
    last.rstrip()
    last.truncate(width - 1)  # cells, not characters
    last.append("…")
    return Text("\n").join(shown)


class ExampleLine(Static):
    """A rule, then the example of the navigator's highlighted group (see the module docstring)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.shown: tuple[str, str] = ("", "")

    def show(self, heading: str, text: str) -> None:
        self.shown = (heading, text)
        self.update(example_lines(heading, text, self.content_region.width or self.app.size.width - 2,
                                  self.app.console))

    def on_resize(self) -> None:
        if any(self.shown):
            self.show(*self.shown)
