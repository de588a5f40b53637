"""The export dialog that must scroll scrolls the least that shows the path, not to its end.

ui33, tmux 50x16 on the demo (its path /work/main/engine/data/demo.csv, the journal in /tmp/ui33):
'e' opened the dialog scrolled to its end, its first line 'Export the corrected dataset' above the
box's edge, though the path line was in view with the dialog unscrolled. Textual's focus scrolls the
focused widget to the middle of its container where the widget is not in view yet, and on the
first frame the path is laid out lower than it is drawn. Now it scrolls the least that shows it,
once laid out (at 40x12 the path still comes into view: test_export_dialog_small_terminal).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_helpers import press_on, settle
from tui_synthetic import fixed_app, fixed_result

# The dialog's From and Journal lines show the paths as given, wrapped at 50 columns: how many lines
# they take is the case. So the paths are relative to tmp_path and of a fixed length (88 characters,
# what tmp_path / 'a/much/longer/folder/name' was under /tmp/pytest-of-root/pytest-NNN): under pytest-xdist
# tmp_path is 10 characters longer ('popen-gw0/'), and the path took one line more than fits.
FOLDER = Path("a/much/longer/folder/name/" + "x" * 62)


async def test_the_title_stays_when_the_path_fits_under_it(demo_csv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = FOLDER
    folder.mkdir(parents=True)
    csv = folder / "demo.csv"
    shutil.copy(demo_csv, csv)
    app = fixed_app(fixed_result(csv), folder / "demo.corrections.jsonl")
    async with app.run_test(size=(50, 16)) as pilot:
        await press_on(pilot, "label", "e")
        await settle(pilot)
        dialog = app.screen.query_one("#export")
        title = app.screen.query_one(".dialog-title")
        path = app.screen.query_one("#export-path")
        assert dialog.max_scroll_y > 0, dialog.virtual_size  # the case: the content is taller than the box
        visible = dialog.scrollable_content_region
        assert app.focused is path and visible.y <= path.region.y < visible.bottom, (path.region, visible)
        least = max(0, path.region.bottom + int(dialog.scroll_y) - visible.bottom)  # what shows the path
        assert dialog.scroll_y == least < dialog.max_scroll_y, (dialog.scroll_y, least, dialog.max_scroll_y)
        assert title.region.bottom > visible.y, (title.region, visible)  # the title, or its last line, on screen
