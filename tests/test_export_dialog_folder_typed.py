"""A folder typed as the export path is named as a folder: ui30 (tmux 60x20, ag_news) typed /tmp/ui30
and read 'unknown extension (none): use .csv, ...', as if the folder's name lacked an extension."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import export_warning
from test_export_dialog import _csv_dialog, _type


async def test_a_folder_is_said_to_be_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    app = _csv_dialog(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, str(folder))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        assert export_warning(app.dialog).startswith("exports is a folder: add a file name (.csv"), export_warning(app.dialog)
        await _type(pilot, app, str(tmp_path / "nofolder"))  # no such folder: the extension, as before
        assert export_warning(app.dialog).startswith("unknown extension (none): use .csv"), export_warning(app.dialog)
