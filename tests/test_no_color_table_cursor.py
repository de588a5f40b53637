"""With NO_COLOR the summary's cursor row is drawn in reverse video, as the row lists' is.

Seen in tmux on the demo at 80x24 with NO_COLOR=1 (ui24's note, again ui25): the issue table's
cursor row differed from the others only by bold and a lighter grey, while its header is bold too:
hard to find at a glance. The row lists draw their cursor reversed under NO_COLOR
(row_list.NO_COLOR_CURSOR); the tables (summary, confusion navigators, re-audit) now do too.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize("no_color", [True, False])
async def test_the_summary_cursor_is_reversed_without_colour(pinned_result, journal_path, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color is no_color
        table = app.screen.query_one("#issue-table")
        cursor = table.get_component_rich_style("datatable--cursor")
        header = table.get_component_rich_style("datatable--header")
        assert bool(cursor.reverse) is no_color  # coloured: the accent background, as before
        assert not header.reverse
        await pilot.press("C")  # the confusion navigator's table: the same rule
        await settle(pilot)
        navigator = app.screen.query_one("RowTable")
        assert bool(navigator.get_component_rich_style("datatable--cursor").reverse) is no_color
