"""The export dialog's checkbox label is drawn whole in a 60x15 terminal.

Seen in tmux on the demo at 60x15: '▐ ▌ only the changed rows, with before and after l', the
rest cut off by the dialog's edge (the line above it already says what such a file holds).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Checkbox
from tui_synthetic import fixed_app

from tui.screens.export_dialog import ExportDialog


async def test_the_checkbox_label_fits_a_small_terminal(pinned_result, journal_path) -> None:
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-changed-only", Checkbox)
        drawn = str(box.render()).rstrip()
        label = str(box.label)
        assert "changed rows" in label and "before and after" in label
        assert drawn.endswith(label), drawn  # the whole label after the box
        inside = app.screen.query_one("#export").content_region  # the dialog, within its border
        assert box.content_region.x + cell_len(drawn) <= inside.right, (drawn, box.content_region, inside)
