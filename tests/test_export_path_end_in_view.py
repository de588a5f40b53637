"""The export dialog's path shows its end (the file name and extension) where it is longer than the
field: at 60 columns on banking77 (ui29, tmux 60x20) it read '/work/shared/data/banking77/
test.corrected.c', the cursor at its end out of view; End did not help, the cursor was there.
Textual scrolls an input to its cursor only when the cursor moves (tui/widgets/safe_input.py)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.app import TextauditApp
from tui.screens.export_dialog import ExportDialog


async def test_a_long_path_shows_its_end_and_keeps_it_on_resize(demo_result, tmp_path):
    folder = tmp_path / "a_rather_long_folder_name" / "banking77"
    folder.mkdir(parents=True)
    source = str(folder / "test.csv")
    app = TextauditApp(demo_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        app.push_screen(ExportDialog(source, Path(folder / "j.jsonl"),  # the export is offered beside the journal
                                     {"relabel": 1, "exclude": 0, "keep": 0}, 258))
        await pilot.pause()
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert path.cursor_position == len(path.value) and len(path.value) > path.content_region.width
        assert path.render_line(0).text.rstrip().endswith("test.corrected.csv"), path.render_line(0).text
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert path.render_line(0).text.rstrip().endswith("test.corrected.csv"), path.render_line(0).text
