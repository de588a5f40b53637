"""The confusion and label-change navigators at 50 columns: the example under the table.

walk32 (man pages, tmux 50x16): the confusions' Example column got its minimum 12 cells and only
6 were on the screen ('expr -', 'tc-hfs'), the rest behind a sideways scroll; the demo's names
were cut too ('refund…quest'). The label-change navigator's Means and Example columns were both
past the edge. Now a table that would leave the example under 20 cells drops the column, the names
take its room, and the highlighted group's example is on its own lines under the table.
"""

from __future__ import annotations

import pytest
from pilot_helpers import press_on, settle
from textual.widgets import DataTable, Static

from tui.screens.confusions import ConfusionScreen, example_row
from tui.screens.label_changes import LabelChangeScreen
from tui_synthetic import fixed_app


def fits(table: DataTable) -> bool:
    return table.virtual_size.width <= table.scrollable_content_region.width and not table.show_horizontal_scrollbar


def example_shown(screen) -> str:
    """The example line's text, one line (it wraps at the screen's width)."""
    line = screen.query_one("#example-line", Static)
    assert line.display and line.region.height >= 2, line.region
    return " ".join(str(line.render()).split())


def words(view, row: int) -> str:
    return " ".join(str(view.texts[row]).split())


def shows_example(screen, view, row: int) -> bool:
    """The example line names ``row`` and shows its text whole or from its start, cut with '…'."""
    shown = example_shown(screen).split(f"row {row:,}: ", 1)
    text = words(view, row)
    return len(shown) == 2 and (shown[1] == text or (shown[1].endswith("…") and text.startswith(shown[1][:-1])))


async def test_the_confusions_at_50_columns_show_names_whole_and_the_example_under_them(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(50, 16)) as pilot:
        screen = await press_on(pilot, "label", "c")
        assert isinstance(screen, ConfusionScreen)
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        assert fits(table), (table.virtual_size, table.scrollable_content_region)  # nothing sideways
        names = app.view.shown_names
        for index, group in enumerate(screen.groups[:5]):
            line = table.render_line(1 + index).text
            assert f" {names[group.given]} " in line and f" {names[group.suggested]}" in line, line  # whole
        for index in (0, 2):
            table.move_cursor(row=index)
            await pilot.pause()
            row = example_row(app.view, screen.groups[index].rows)
            assert shows_example(screen, app.view, row), example_shown(screen)
        await pilot.press("v")  # by given class: the (any) column stays narrow, the example still under
        await pilot.pause()
        assert fits(table) and shows_example(screen, app.view, example_row(app.view, screen.groups[table.cursor_row].rows))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_wider_terminal_keeps_the_example_column(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        screen = await press_on(pilot, "label", "c")
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        assert fits(table) and not screen.query_one("#example-line").display
        assert [c.label.plain for c in table.ordered_columns][-1] == "Example"
        row = example_row(app.view, screen.groups[0].rows)
        assert words(app.view, row)[:20] in table.render_line(1).text


async def test_narrowing_the_terminal_moves_the_example_under_the_table_and_back(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 16)) as pilot:
        screen = await press_on(pilot, "label", "c")
        table = screen.query_one("#confusions", DataTable)
        for size, under in (((50, 16), True), ((80, 16), False)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert fits(table), (size, table.virtual_size, table.scrollable_content_region)
            assert screen.query_one("#example-line").display is under


async def test_the_label_changes_at_50_columns_show_the_example_under_them(ml_app):
    async with ml_app.run_test(size=(50, 16)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        screen = ml_app.screen
        assert isinstance(screen, LabelChangeScreen)
        await pilot.pause()
        table = screen.query_one("#confusions", DataTable)
        assert fits(table), (table.virtual_size, table.scrollable_content_region)
        names = ml_app.view.shown_names
        change = screen.changes[1]
        assert f" {change.sign}{names[change.label]}" in table.render_line(2).text  # the label whole
        table.move_cursor(row=1)
        await pilot.pause()
        row = example_row(ml_app.view, change.rows)
        assert shows_example(screen, ml_app.view, row), example_shown(screen)
