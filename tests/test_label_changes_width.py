"""The label-change navigator (C on multi-label data) fits its table in an 80-column terminal:
each example was its first 60 characters whatever the width, so at 80 columns the table ran past
the screen's edge, cut mid-word without a mark, the rest behind a sideways scroll."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from rich.cells import cell_len
from textual.widgets import DataTable

from tui.screens.label_changes import LabelChangeScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_table_fits_and_a_cut_example_says_so(ml_app, size):
    async with ml_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(ml_app.screen, LabelChangeScreen)
        table = ml_app.screen.query_one("#confusions", DataTable)
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width, (table.virtual_size, table.size)  # no sideways scroll
        lines = [table.render_line(y).text.rstrip() for y in range(1, 1 + table.row_count)]
        assert all(cell_len(line) <= size[0] for line in lines)
        assert any(line.endswith("…") for line in lines)  # the demo's examples are longer than the room


async def test_a_wide_terminal_shows_the_whole_example(ml_app):
    """At 177 columns each example stopped at 60 cells and '…', the rest of the line empty."""
    async with ml_app.run_test(size=(177, 30)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        screen = ml_app.screen
        assert isinstance(screen, LabelChangeScreen)
        ml_app.view.texts[screen.changes[0].rows[0]] = "a long example " * 6 + "that ends here"  # 104 cells
        screen.fill()
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        line = table.render_line(1).text.rstrip()
        assert cell_len(line) <= 177 and line.endswith("that ends here"), line
