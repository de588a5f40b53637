"""A datasets folder typed in a folder that cannot take it is refused in a line, not a traceback (fix40c).

tmux, the demo: 'e', then '/ro/hf/' typed (a read-only mount) ended the app in a traceback at the last '/':
the dialog's folder check ran the command line's check_output, whose write probe raises DataError
('cannot write /ro/hf: Read-only file system'), and only its UsageError was caught. A file typed there
('/ro/out.csv') was already said: 'cannot write ...: Read-only file system: choose another folder'."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import export_warning, one_row_export_dialog

import engine.output_guard
from engine.errors import DataError


@pytest.mark.parametrize("typed", ["hf/", "out.csv"])
async def test_a_folder_that_cannot_be_written_is_said(tmp_path: Path, monkeypatch, typed: str) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    real = engine.output_guard.check_writable

    def check_writable(target: Path) -> None:  # a read-only mount (root writes a chmod 555 folder)
        if Path(target).parent == ro:
            raise DataError(f"cannot write {target}: Read-only file system")
        real(target)

    monkeypatch.setattr(engine.output_guard, "check_writable", check_writable)
    async with one_row_export_dialog(tmp_path) as (app, pilot, path):
        path.value = f"{ro}/{typed}"
        await pilot.pause()
        await pilot.press("enter")  # refused: the dialog stays
        await pilot.pause()
        said = export_warning(app.screen)
        assert app.is_running and app.results == []
    assert said == f"cannot write {ro}/{typed.rstrip('/')}: Read-only file system: choose another folder"
