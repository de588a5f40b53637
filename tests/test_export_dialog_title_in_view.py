"""The export dialog at 60x20 (and 80x24) shows its title: it fits, unscrolled.

ui28, tmux 60x20 on the demo: 'e' drew the dialog a line short of its content and scrolled to the
path, so its first line, 'Export the corrected dataset · enter exports', was above its edge and
the box began at 'esc cancels'. Its height was laid out with the text as wide as the box, then
drawn beside the scrollbar that overflow made, every line a little narrower and the summary one
line longer; the scrollbar's column is now kept (scrollbar-gutter: stable)."""

from __future__ import annotations

import pytest
from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_export_dialog_title_is_in_view(pinned_result, journal_path, size):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=size) as pilot:
        await press_on(pilot, "label", "e")
        await settle(pilot)
        dialog = app.screen.query_one("#export")
        title = app.screen.query_one(".dialog-title")
        assert dialog.max_scroll_y == 0 and dialog.scroll_y == 0, (dialog.size, dialog.virtual_size)
        visible = dialog.scrollable_content_region
        assert visible.y <= title.region.y and title.region.bottom <= visible.bottom, (title.region, visible)
        assert app.focused is app.screen.query_one("#export-path")
