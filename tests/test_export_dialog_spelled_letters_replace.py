"""The export dialog's second-enter warning names the file that is there when its name holds bash's spelling of a
byte as letters (a file 'x$'\\x41'.csv' exists, shown as a shell word so it reads back as letters: fix42a). On enter
the dialog read the shown path once (path_typed), then checked that already-read path again, which read its letters
``$'\\x41'`` as the byte 'A': the warning looked at 'xA.csv' (said nothing, or another file's 'note: xA.csv
exists'), and a name spelling ``$'\\x00'`` was refused as holding a NUL byte (diff40)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import DialogHost, export_warning
from textual.widgets import Input

from tui.path_text import path_offered
from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


async def _enter_on_existing(tmp_path: Path, name: str) -> tuple[str, list]:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\ny,b\n")
    target = tmp_path / "out" / name
    target.parent.mkdir()
    target.write_text("text,label\n")
    (tmp_path / "out" / "xA.csv").write_text("text,label\n")  # what the letters read as a byte would name
    app = DialogHost(ExportDialog(str(source), tmp_path / "data.corrections.jsonl", COUNTS, 2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = path_offered(str(target))  # as the dialog spells it
        await pilot.press("enter")  # it exists: asked first
        await pilot.pause()
        said = export_warning(app.screen)
        await pilot.press("enter")
        await pilot.pause()
    return said, app.results


async def test_the_replace_warning_names_the_file_there(tmp_path: Path) -> None:
    said, results = await _enter_on_existing(tmp_path, "x$'\\x41'.csv")
    assert said.startswith("x$'\\x41'.csv exists: press Enter again"), said  # old: 'note: xA.csv exists'
    (request,) = results
    assert request.overwrite and request.output == tmp_path / "out" / "x$'\\x41'.csv"


async def test_spelled_nul_letters_are_not_a_nul_byte(tmp_path: Path) -> None:
    said, results = await _enter_on_existing(tmp_path, "x$'\\x00'.csv")
    assert "NUL" not in said and said.startswith("x$'\\x00'.csv exists: press Enter again"), said
    (request,) = results
    assert request.overwrite and request.output == tmp_path / "out" / "x$'\\x00'.csv"
