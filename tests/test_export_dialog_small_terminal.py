"""The export dialog at 40x12 (the smallest size the README promises): the path it writes to,
the checkbox and the buttons were cut off below the dialog's edge (tmux, demo: the box ended at
'Writes 257 of 258 rows: 0 relabelled, 1 excluded'), so enter exported to a path never shown.
The dialog scrolls, and the focused path line is in view."""

from __future__ import annotations

from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app


async def test_the_export_path_is_in_view_at_40x12(pinned_result, journal_path):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await press_on(pilot, "label", "e")
        await settle(pilot)
        dialog = app.screen.query_one("#export")
        path = app.screen.query_one("#export-path")
        assert app.focused is path
        visible = dialog.scrollable_content_region
        assert visible.y <= path.region.y < visible.bottom, (path.region, visible)
        await pilot.press("tab", "tab")  # the checkbox, then Export: each scrolled into view
        await settle(pilot)
        assert app.focused.id == "export-ok"
        assert visible.y <= app.focused.region.y < visible.bottom, (app.focused.region, visible)
