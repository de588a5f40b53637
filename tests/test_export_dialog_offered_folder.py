"""The export dialog offers its file in the journal's folder (where the user works), then in the
folder this app run last exported to; not beside the data, which may be a shared or read-only
mount (walk36: /work/shared/data/banking77/test.corrected.csv offered, the journal in the cwd)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import DialogHost
from textual.widgets import Input

from tui.screens.export_dialog import ExportDialog, ExportRequest

COUNTS = {"relabel": 1, "exclude": 0, "keep": 0}


def _offered(app: DialogHost) -> str:
    return app.screen.query_one("#export-path", Input).value


async def test_offered_beside_the_journal_then_in_the_folder_last_used(tmp_path: Path) -> None:
    data, work, elsewhere = (tmp_path / name for name in ("data", "work", "elsewhere"))
    for folder in (data, work, elsewhere):
        folder.mkdir()
    source = data / "test.csv"
    source.write_text("text,label\nx,a\n")
    journal = work / "test.corrections.jsonl"
    app = DialogHost(ExportDialog(str(source), journal, COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert _offered(app) == str(work / "test.corrected.csv")  # old: data/test.corrected.csv
        app.screen.query_one("#export-path", Input).value = str(elsewhere / "mine.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [ExportRequest(elsewhere / "mine.csv", False)]
        app.push_screen(ExportDialog(str(source), journal, COUNTS, 1), app.results.append)  # a second export
        await pilot.pause()
        assert _offered(app) == str(elsewhere / "test.corrected.csv")
        await pilot.press("tab", "space")  # only the changed rows: the same folder
        await pilot.pause()
        assert _offered(app) == str(elsewhere / "test.changes.csv")
