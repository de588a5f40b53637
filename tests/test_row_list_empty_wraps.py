"""An empty row list's message wraps instead of being cut at the screen's edge.

Seen in tmux on AG News at 60x20: Outliers (none flagged) read 'nothing flagged here: press f to
list every row by score,' and the rest ('/ to search') was cut off; a filter that matches nothing
lost its query the same way at 80 columns.
"""

from __future__ import annotations

from pilot_helpers import open_issue, wait_until
from tui_synthetic import fixed_app


def list_lines(screen) -> list[str]:
    rows = screen.query_one("#rows")
    return [rows.render_line(y).text.rstrip() for y in range(rows.size.height)]


async def test_a_filter_matching_nothing_says_its_whole_message(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_issue(pilot, "label")
        await pilot.press("slash", *"zzqqxx", "enter")
        await wait_until(pilot, lambda: not len(screen.row_list.order) and not screen.row_list.pending,
                         "the filter to empty the list")  # not a fixed 2.5 s of pauses: a loaded machine
        lines = list_lines(screen)
        said = " ".join(line.strip() for line in lines[1:] if line.strip())
        assert "ctrl+u there clears it): zzqqxx" in said, lines
        assert all(len(line) <= 60 for line in lines)
