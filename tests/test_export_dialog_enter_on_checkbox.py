"""Enter on the export dialog's checkbox exports, as the dialog's title says ('enter exports').

Seen in tmux at 80x24 (AG News, 2 decisions): path typed, tab to 'only the changed rows', space
(ticked), enter: Textual's checkbox took enter as a toggle, so the box was unticked again and
nothing was exported; the dialog stayed open.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import DialogHost
from textual.widgets import Checkbox, Input

from tui.screens.export_dialog import ExportDialog

COUNTS = {"relabel": 1, "exclude": 1, "keep": 0}


async def test_tab_space_enter_exports_the_changed_rows(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\ny,b\n")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 2))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.dialog.query_one("#export-path", Input).value = str(tmp_path / "out.csv")
        await pilot.press("tab")
        assert isinstance(app.dialog.focused, Checkbox)
        await pilot.press("space")
        assert app.dialog.query_one("#export-changed-only", Checkbox).value
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.results) == 1, app.results
        assert app.results[0].output == tmp_path / "out.csv" and app.results[0].corrections_only


async def test_space_still_toggles_the_box(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("text,label\nx,a\n")
    app = DialogHost(ExportDialog(str(source), tmp_path / "j.jsonl", COUNTS, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "space")
        assert not app.dialog.query_one("#export-changed-only", Checkbox).value
        assert app.results == []
