"""The export dialog refuses before Enter what the export refuses (hostile23, tmux). A path whose
folder is a file or a dangling link ('data.csv/out.csv') said 'no folder data.csv: create it first or
choose another', beside the very file; now the command line's words (engine/paths.missing_folder):
'data.csv is a file, not a folder'. A device or FIFO: see the second test."""

from __future__ import annotations

import os
from pathlib import Path

from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input

from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


async def _type(pilot, app: DialogHost, value: str) -> None:
    app.dialog.query_one("#export-path", Input).value = value
    await pilot.pause()


async def test_a_file_or_a_dangling_link_as_the_folder_is_named_as_such(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\ny,b\n")
    (tmp_path / "notes.txt").write_text("mine")
    os.symlink(tmp_path / "gone", tmp_path / "away")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, "notes.txt/out.csv")
        await pilot.press("enter")
        await pilot.pause()
        said = export_warning(app.dialog)
        assert app.results == [] and "notes.txt is a file, not a folder" in said, said
        assert "create it first" not in said
        await _type(pilot, app, "notes.txt/deeper/out.csv")
        assert "notes.txt is a file, not a folder" in export_warning(app.dialog)
        await _type(pilot, app, "away/out.csv")
        assert f"away is a link to {tmp_path / 'gone'}, which does not exist" in export_warning(app.dialog)
        await _type(pilot, app, "nope/out.csv")  # a folder that does not exist: as before
        assert "no folder nope: create it first or choose another" in export_warning(app.dialog)
    assert (tmp_path / "notes.txt").read_text() == "mine"


async def test_a_device_or_fifo_is_refused_before_enter(tmp_path: Path, monkeypatch) -> None:
    """A FIFO named out.csv: the dialog said 'out.csv exists: press Enter again to replace it', then
    the export failed with the command line's '--output out.csv is not a regular file (a device, FIFO
    or socket); refusing to replace it' and the dialog was gone (hostile23, tmux, with a device node)."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\ny,b\n")
    os.mkfifo(tmp_path / "pipe.csv")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test() as pilot:
        await pilot.pause()
        await _type(pilot, app, "pipe.csv")
        said = export_warning(app.dialog)
        assert "pipe.csv is not a regular file (a device, FIFO or socket): choose another name" in said, said
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and "press Enter again" not in export_warning(app.dialog)
    assert (tmp_path / "pipe.csv").is_fifo()


async def test_a_path_inside_the_saved_dataset_folder_is_refused_before_enter(tmp_path: Path, monkeypatch) -> None:
    """Data given as a saved datasets folder: 'ds/x.csv' was accepted; Enter closed the dialog and a toast
    said 'export failed: --output ds/x.csv is inside the input folder; refusing to overwrite it'."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "state.json").write_text("{}")
    (tmp_path / "dsx").mkdir()
    app = DialogHost(ExportDialog(str(folder), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test() as pilot:
        await pilot.pause()
        for inside in ("ds/x.csv", str(folder / "x.parquet"), "./ds/../ds/x.jsonl"):
            await _type(pilot, app, inside)
            said = export_warning(app.dialog)
            assert "that is inside the input folder (the saved dataset): export never writes there" in said, said
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        await _type(pilot, app, "dsx/x.csv")  # beside it, not inside
        assert export_warning(app.dialog) == ""
    assert sorted(p.name for p in folder.iterdir()) == ["state.json"]
