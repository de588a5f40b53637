"""The confusion navigator at 80 columns gives the example text the room short class names leave:
the names' columns were sized for 18 cells whatever the names (the demo's longest is 14), so the
example was cut at 20 cells with 8 columns of the screen empty beside it."""

from __future__ import annotations

from pilot_helpers import press_on
from rich.cells import cell_len
from textual.widgets import DataTable
from tui_synthetic import fixed_app


async def test_example_takes_the_room_short_names_leave(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_on(pilot, "label", "c")
        table = screen.query_one("#confusions", DataTable)
        longest = max(cell_len(n) for n in app.view.shown_names)
        assert longest == 14  # transfer_money, refund_request
        lines = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
        assert max(cell_len(line) for line in lines) <= 80  # the table still fits: no sideways scroll
        example = " ".join(str(app.view.texts[screen.groups[0].rows[0]]).split())
        assert example[:26] in lines[1], lines[1]  # 26 cells of it and more, where 19 and "…" showed


async def test_a_wide_terminal_shows_the_whole_example(pinned_result, journal_path):
    """Seen at 177 columns (tmux, banking77 slice): each example stopped at 60 cells and '…',
    with some 80 columns of the screen empty beside it."""
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(177, 30)) as pilot:
        screen = await press_on(pilot, "label", "c")
        first = screen.groups[0].rows[0]
        app.view.texts[first] = "a long example " * 6 + "that ends here"  # 104 cells
        screen.fill()
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        lines = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
        assert max(cell_len(line) for line in lines) <= 177
        assert lines[1].endswith("that ends here"), lines[1]  # whole, where 59 cells and "…" showed
