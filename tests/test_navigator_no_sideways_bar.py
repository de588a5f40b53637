"""The confusion and label-change navigators fit their width when the list is longer than the
screen, and after the terminal shrinks: no empty sideways scrollbar under them.

Seen in tmux on the demo: C at 80x12 (11 pairs, 7 lines) drew a sideways scrollbar (``▏``) on
the line above the footer: the table's widths left no room for its vertical scrollbar. And C at
80 columns, resized to 70: the columns kept their 80-column widths (a DataTable's column never
narrows on clear), so the table ran 10 cells past the screen behind the same bar.
"""

from __future__ import annotations

from pilot_helpers import settle
from textual.widgets import DataTable

from tui.screens.confusions import ConfusionScreen
from tui.screens.label_changes import LabelChangeScreen
from tui_synthetic import fixed_app


def _fits(table: DataTable) -> bool:
    return table.virtual_size.width <= table.scrollable_content_region.width and not table.show_horizontal_scrollbar


async def _check(pilot, app, screen_type) -> None:
    await settle(pilot)
    await pilot.press("C")
    await pilot.pause()
    assert isinstance(app.screen, screen_type)
    table = app.screen.query_one("#confusions", DataTable)
    await pilot.pause()
    assert table.show_vertical_scrollbar  # more groups than lines: the case that overflowed
    assert _fits(table), (table.virtual_size, table.scrollable_content_region)
    for size in ((120, 12), (70, 12)):
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        assert _fits(table), (size, table.virtual_size, table.scrollable_content_region)


async def test_the_confusion_navigator_fits(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 12)) as pilot:
        await _check(pilot, app, ConfusionScreen)


async def test_the_label_change_navigator_fits(ml_app):
    async with ml_app.run_test(size=(80, 12)) as pilot:
        await _check(pilot, ml_app, LabelChangeScreen)


async def test_the_confusion_navigator_narrows_with_the_terminal(pinned_result, tmp_path):
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        table = app.screen.query_one("#confusions", DataTable)
        assert not table.show_vertical_scrollbar and _fits(table)
        await pilot.resize_terminal(70, 40)
        await pilot.pause()
        await pilot.pause()
        assert _fits(table), (table.virtual_size, table.scrollable_content_region)  # the columns narrowed
        await pilot.resize_terminal(70, 12)  # shorter: now the list needs its vertical scrollbar
        await pilot.pause()
        await pilot.pause()
        assert table.show_vertical_scrollbar and _fits(table), (table.virtual_size, table.scrollable_content_region)


async def test_a_refilled_navigator_draws_whole_names_at_once(pinned_result, tmp_path):
    """de168db narrowed the columns on each fill and let the next idle widen them again: a frame
    drawn before that idle (the real terminal's first open, in tmux at 142x31) cut every column
    to its title ('card_' for card_lost, 'How muc'), and the DataTable kept those lines cached."""
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(142, 31)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#confusions", DataTable)
        group = screen.groups[0]
        given = app.view.shown_names[group.given]
        screen.fill()  # as on a resize or a return to the screen
        first = table.render_line(1).text  # drawn before any idle
        assert f" {given} " in first, first
        await pilot.pause()
        assert f" {given} " in table.render_line(1).text
